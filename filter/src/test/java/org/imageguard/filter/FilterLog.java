package org.imageguard.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.function.Executable;

/**
 * What {@link ImageGuardFilter} logged while {@code action} ran, as {@code LEVEL message} lines: the tests' SLF4J
 * binding is java.util.logging, as in the drop-in jar.
 */
final class FilterLog {

    private FilterLog() {
    }

    static List<String> capture(Executable action) {
        Logger logger = Logger.getLogger(ImageGuardFilter.class.getName());
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getParameters() == null ? record.getMessage()
                        : java.text.MessageFormat.format(record.getMessage(), record.getParameters());
                lines.add(record.getLevel() + " " + message);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            action.execute();
        } catch (Throwable e) {
            throw new AssertionError(e);
        } finally {
            logger.removeHandler(handler);
        }
        return List.copyOf(lines);
    }
}
