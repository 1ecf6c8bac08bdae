package app.passkeybff.support;

import org.jboss.logmanager.ExtLogRecord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log line the service writes while installed, with messages formatted as the log manager
 * formats them and stack traces included. A record that cannot be formatted is not glossed over:
 * its raw message and every parameter are kept (so a search still finds a secret in them), and
 * {@link #lines()} fails, since the real log would not show what this capture saw.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> unformattable = new CopyOnWriteArrayList<>();

    private LogCapture() {
    }

    public static LogCapture install() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " ");
        try {
            line.append(format(record));
        } catch (RuntimeException e) {
            unformattable.add(record.getLoggerName() + ": " + record.getMessage() + " (" + e + ")");
            line.append(record.getMessage()).append(' ').append(Arrays.toString(record.getParameters()));
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    /** As the log manager renders it: printf or MessageFormat style, whichever the record uses. */
    static String format(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        return new java.util.logging.SimpleFormatter().formatMessage(record);
    }

    /** All lines; fails if any record could not be formatted. */
    public List<String> lines() {
        if (!unformattable.isEmpty()) {
            throw new AssertionError("log records that could not be formatted: " + unformattable);
        }
        return List.copyOf(lines);
    }

    /** Lines that contain any of the given values. */
    public List<String> linesContaining(String... values) {
        return lines().stream().filter(line -> {
            for (String value : values) {
                if (value != null && !value.isEmpty() && line.contains(value)) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
