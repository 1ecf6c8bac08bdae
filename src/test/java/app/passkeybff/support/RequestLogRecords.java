package app.passkeybff.support;

import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log records one request writes (those whose MDC carries its request id), with their MDC as it was
 * when each was logged: what the JSON log would show beside the message.
 */
public final class RequestLogRecords extends Handler implements AutoCloseable {

    private final String requestId;
    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();

    private RequestLogRecords(String requestId) {
        this.requestId = requestId;
    }

    public static RequestLogRecords install(String requestId) {
        RequestLogRecords capture = new RequestLogRecords(requestId);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ExtLogRecord ext && requestId.equals(ext.getMdc("requestId"))) {
            ext.copyMdc();
            records.add(ext);
        }
    }

    /**
     * The records so far, once the request's access line is among them: it is written when the answer
     * has been sent, so possibly just after the client has it (the wait is a bound, not a measurement).
     */
    public List<ExtLogRecord> records() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (records.stream().noneMatch(r -> r.getLoggerName().equals("passkey-bff.access")) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.copyOf(records);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
