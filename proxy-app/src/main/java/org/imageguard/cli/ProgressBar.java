package org.imageguard.cli;

import java.io.PrintWriter;

/**
 * One line on a terminal's stderr, redrawn with {@code \r}: {@code [####      ] 412/1000 files}. Messages printed
 * through {@link #message} clear the bar first and redraw it after, so the two never mix. Used only when a console
 * is attached: in a pipe or a log the carriage returns would be noise. Not thread-safe: the batch reports on one
 * thread.
 *
 * <pre>{@code
 * ProgressBar bar = ProgressBar.of(err, files.size(), System.console() != null);
 * bar.step();  bar.message("a.jpg: JPEG at offset 2: ...");  bar.finish();
 * }</pre>
 */
class ProgressBar {

    private static final int WIDTH = 30;
    /** Redraws at most this often: a terminal redrawn per file slows a fast batch down. */
    private static final long REDRAW_NANOS = 100_000_000L;

    final PrintWriter err;
    private final int total;
    private int done;
    private boolean drawn;
    private long lastDraw;
    private int drawnLength;

    private ProgressBar(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
    }

    /** A bar on a terminal, else one that only prints the messages. */
    static ProgressBar of(PrintWriter err, int total, boolean terminal) {
        return terminal ? new ProgressBar(err, total) : new Silent(err);
    }

    void step() {
        done++;
        long now = System.nanoTime();
        if (!drawn || done == total || now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw();
        }
    }

    void message(String line) {
        clear();
        err.println(line);
        draw();
    }

    void finish() {
        draw();
        err.println();
        err.flush();
    }

    private void draw() {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * Math.min(done, total) / total);
        String line = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " files";
        err.print("\r" + line);
        err.flush();
        drawn = true;
        drawnLength = line.length();
    }

    private void clear() {
        err.print("\r" + " ".repeat(drawnLength) + "\r");
    }

    /** No bar: messages only, one per line. */
    private static final class Silent extends ProgressBar {
        Silent(PrintWriter err) {
            super(err, 0);
        }

        @Override
        void step() {
        }

        @Override
        void message(String line) {
            err.println(line);
        }

        @Override
        void finish() {
            err.flush();
        }
    }
}
