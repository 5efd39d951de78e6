package org.imageguard.filter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The drop-in jar's binding, driven by hand: here the "host" SLF4J is the test class path's own (bound to
 * java.util.logging), reached through the same reflection the relocated jar uses to reach a web application's.
 */
class ContainerLoggingProviderTest {

    @Test
    void linesGoThroughTheHostsSlf4jFormattedAndWithTheirLevel() throws Exception {
        Optional<HostLogging> host = HostLogging.connect(org.slf4j.LoggerFactory.class, getClass().getClassLoader());
        assertThat(host).as("the test class path has SLF4J with a binding").isPresent();
        Logger logger = ContainerLoggingProvider.factory(host).getLogger("imageguard.test.host");
        assertThat(logger).isInstanceOf(HostLogger.class);

        List<String> lines = capture("imageguard.test.host", () -> {
            logger.info("started {} with {}", "imageguard", "defaults");
            logger.warn("careful", new IllegalStateException("boom"));
            logger.debug("not shown at the default level");
        });

        assertThat(lines).containsExactly("INFO started imageguard with defaults",
                "WARNING careful (IllegalStateException: boom)");
    }

    @Test
    void withoutAHostSlf4jLinesGoToJavaUtilLogging() {
        Logger logger = ContainerLoggingProvider.factory(Optional.empty()).getLogger("imageguard.test.jul");
        assertThat(logger).isNotInstanceOf(HostLogger.class);
        assertThat(capture("imageguard.test.jul", () -> logger.info("hello {}", "container")))
                .containsExactly("INFO hello container");
    }

    @Test
    void thePlainJarFindsNoSeparateHost() {
        assertThat(HostLogging.find(getClass().getClassLoader())).isEmpty();
    }

    private static List<String> capture(String name, Runnable action) {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(name);
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getParameters() == null ? record.getMessage()
                        : java.text.MessageFormat.format(record.getMessage(), record.getParameters());
                Throwable thrown = record.getThrown();
                lines.add(record.getLevel() + " " + message + (thrown == null ? ""
                        : " (" + thrown.getClass().getSimpleName() + ": " + thrown.getMessage() + ")"));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try {
            action.run();
        } finally {
            jul.removeHandler(handler);
        }
        return lines;
    }
}
