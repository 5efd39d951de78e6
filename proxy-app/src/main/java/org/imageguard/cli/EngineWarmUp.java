package org.imageguard.cli;

import java.io.IOException;
import java.io.InputStream;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;

/**
 * Loads and initialises the engine's classes (xmpcore, the EXIF reader, the JPEG and PNG rewriters) on a second
 * thread while the main thread parses the command line and the configuration, by protecting two tiny images and
 * throwing the results away. A {@code rewrite} of a few seconds spends about a third of its wall time starting up
 * on one thread; this puts the other core to work in that time. Anything that goes wrong here is ignored: the real
 * work meets the same code again and reports it properly.
 *
 * <pre>{@code
 * EngineWarmUp.start();   // first thing in main, for commands that rewrite
 * }</pre>
 */
final class EngineWarmUp implements Runnable {

    private static final String[] IMAGES = {"warm-up.jpg", "warm-up.png"};

    private EngineWarmUp() {
    }

    /** Starts the warm-up on a daemon thread (it never holds up the exit). */
    static void start() {
        Thread thread = new Thread(new EngineWarmUp(), "imageguard-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    @Override
    public void run() {
        try {
            protectSamples();
        } catch (IOException | RuntimeException | LinkageError e) {
            // Only a head start: the batch itself meets and reports any such problem.
        }
    }

    /** Protects the two sample images and returns how many it found; what goes wrong is thrown. */
    static int protectSamples() throws IOException {
        ImageGuardEngine engine = new ImageGuardEngine();
        int protectedCount = 0;
        for (String name : IMAGES) {
            try (InputStream in = EngineWarmUp.class.getResourceAsStream(name)) {
                if (in != null) {
                    engine.rewrite(in.readAllBytes(), Policy.DEFAULTS);
                    protectedCount++;
                }
            }
        }
        return protectedCount;
    }
}
