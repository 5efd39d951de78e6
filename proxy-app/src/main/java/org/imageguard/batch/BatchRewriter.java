package org.imageguard.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.imageguard.config.PathResolver;
import org.imageguard.engine.ImageGuardEngine;

/**
 * Rewrites a list of files on a fixed number of threads. Outcomes reach the listener on the calling thread and in
 * the order of the list, whatever order the threads finish in, so messages read like the listing and a run is
 * reproducible. At most a few files per thread are in flight, which bounds memory to a few images per thread.
 *
 * <pre>{@code
 * BatchRewriter batch = new BatchRewriter(new ImageGuardEngine(), PathResolver.of(config),
 *         new Destination.Tree(Path.of("out")), Runtime.getRuntime().availableProcessors());
 * BatchSummary summary = batch.run(InputFiles.list(paths, Optional.of(out)).files(), outcome -> { });
 * }</pre>
 */
public final class BatchRewriter {

    /** Files queued per thread ahead of the one being reported: keeps every thread busy while order is kept. */
    private static final int AHEAD_PER_THREAD = 4;

    private final FileRewriter rewriter;
    private final Destination destination;
    private final int threads;
    private final boolean webp;

    public BatchRewriter(ImageGuardEngine engine, PathResolver resolver, Destination destination, int threads) {
        this(engine, resolver, destination, threads, false);
    }

    /** With {@code webp}, a WebP copy is written beside each rewritten JPEG or PNG when it is smaller. */
    public BatchRewriter(ImageGuardEngine engine, PathResolver resolver, Destination destination, int threads,
                         boolean webp) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, found " + threads);
        }
        this.rewriter = new FileRewriter(engine, resolver, destination);
        this.destination = destination;
        this.threads = threads;
        this.webp = webp;
    }

    /**
     * NAME.webp beside NAME.jpg's target, claimed in list order like the targets, or null when another file's
     * output (an input named NAME.webp, or NAME.png's copy) already has that name.
     */
    private Path webpTarget(Path target, InputFile file, Map<Path, InputFile> claimed) {
        if (!webp) {
            return null;
        }
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path copy = target.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".webp");
        return claimed.putIfAbsent(copy.toAbsolutePath().normalize(), file) == null ? copy : null;
    }

    /** Rewrites {@code files}; the listener sees each outcome (in list order) before the summary is returned. */
    public BatchSummary run(List<InputFile> files, Consumer<FileOutcome> listener) {
        BatchSummary summary = new BatchSummary();
        Consumer<FileOutcome> report = outcome -> {
            summary.add(outcome);
            listener.accept(outcome);
        };
        Map<Path, InputFile> claimed = new HashMap<>();
        Deque<Future<FileOutcome>> inFlight = new ArrayDeque<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, BatchRewriter::worker);
        try {
            for (InputFile file : files) {
                Path target;
                try {
                    target = destination.target(file);
                } catch (IOException e) {
                    inFlight.add(pool.submit(() -> FileOutcome.failed(file, Failures.describe(e))));
                    continue;
                }
                InputFile earlier = claimed.putIfAbsent(target.toAbsolutePath().normalize(), file);
                if (earlier != null && sameSource(earlier, file)) {
                    continue; // a file named twice (itself and through its directory) is rewritten once
                }
                if (earlier != null) {
                    // Two arguments name the same output: the second would silently replace the first's result.
                    inFlight.add(pool.submit(() -> FileOutcome.failed(file, "same output file as "
                            + earlier.source() + " (" + target + "); skipped")));
                } else {
                    Path webpCopy = webpTarget(target, file, claimed);
                    inFlight.add(pool.submit(() -> rewriter.rewrite(file, target, webpCopy)));
                }
                while (inFlight.size() > threads * AHEAD_PER_THREAD) {
                    report.accept(next(inFlight));
                }
            }
            while (!inFlight.isEmpty()) {
                report.accept(next(inFlight));
            }
        } finally {
            pool.shutdownNow();
        }
        return summary;
    }

    private static boolean sameSource(InputFile a, InputFile b) {
        return a.source().toAbsolutePath().normalize().equals(b.source().toAbsolutePath().normalize());
    }

    private static FileOutcome next(Deque<Future<FileOutcome>> inFlight) {
        try {
            return inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            // FileRewriter turns every exception into an outcome; only an Error (out of memory) gets here.
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Thread worker(Runnable task) {
        Thread thread = new Thread(task, "imageguard-rewrite");
        thread.setDaemon(true);
        return thread;
    }
}
