package org.imageguard.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -HUP <pid>} runs an action (reload the configuration), as nginx does. Where the JVM or the platform
 * has no SIGHUP (Windows, some runtimes) installing does nothing but log.
 */
public final class HangupSignal {

    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {
    }

    public static void install(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            LOG.debug("SIGHUP is not available here: {}", e.toString());
        }
    }
}
