package app.passkeybff.support;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fixture test: the capture the no-secrets test relies on formats as the log manager does and never
 * silently falls back. It tests test code, so it is no proof of a mitigation itself
 * ({@code observability.NoSecretsInLogsTest} is).
 */
class LogCaptureTest {

    private static ExtLogRecord record(ExtLogRecord.FormatStyle style, String format, Object... parameters) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, format, style, LogCaptureTest.class.getName());
        record.setLoggerName("test");
        record.setParameters(parameters);
        return record;
    }

    @Test
    void formatsPrintfAndMessageFormatRecords() {
        try (LogCapture log = LogCapture.install()) {
            log.publish(record(ExtLogRecord.FormatStyle.PRINTF, "user %s took %d ms", "u-1", 42));
            log.publish(record(ExtLogRecord.FormatStyle.MESSAGE_FORMAT, "user {0} failed", "u-2"));
            assertEquals(2, log.linesContaining("user u-1 took 42 ms", "user u-2 failed").size());
        }
    }

    @Test
    void failsOnARecordItCannotFormatAndStillKeepsItsParameters() {
        try (LogCapture log = LogCapture.install()) {
            log.publish(record(ExtLogRecord.FormatStyle.PRINTF, "value %d", "secret-value-7"));
            AssertionError failure = assertThrows(AssertionError.class, log::lines);
            assertTrue(failure.getMessage().contains("value %d"), failure.getMessage());
        }
    }
}
