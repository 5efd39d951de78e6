package org.imageguard.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * reproducible. The list is taken in windows of {@link #WINDOW_PER_THREAD} files per thread, the largest file of a
 * window first: a large file met late would otherwise run alone on one core while the others are idle at the end of
 * the run. The next window is queued while one is being worked on, so no thread waits for the reporting; only
 * {@code threads} files are read at a time, which bounds memory to one image per thread.
 *
 * <pre>{@code
 * BatchRewriter batch = new BatchRewriter(new ImageGuardEngine(), PathResolver.of(config),
 *         new Destination.Tree(Path.of("out")), Runtime.getRuntime().availableProcessors());
 * BatchSummary summary = batch.run(InputFiles.list(paths, Optional.of(out)).files(), outcome -> { });
 * }</pre>
 */
public final class BatchRewriter {

    /**
     * Files per thread in a scheduling window: enough that a window's small files fill the time its largest takes,
     * few enough that the progress bar and the messages, which follow the list order, lag the work by two windows at
     * most.
     */
    static final int WINDOW_PER_THREAD = 32;

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

    /** One file's work, decided on the calling thread in list order; {@code size} orders it within its window. */
    private record Task(Callable<FileOutcome> work, long size) {
    }

    /** Rewrites {@code files}; the listener sees each outcome (in list order) before the summary is returned. */
    public BatchSummary run(List<InputFile> files, Consumer<FileOutcome> listener) {
        BatchSummary summary = new BatchSummary();
        List<Task> tasks = tasks(files);
        List<Future<FileOutcome>> outcomes = new ArrayList<>(Collections.nCopies(tasks.size(), null));
        int window = threads * WINDOW_PER_THREAD;
        ExecutorService pool = Executors.newFixedThreadPool(threads, BatchRewriter::worker);
        try {
            submitWindow(pool, tasks, 0, window, outcomes);
            for (int i = 0; i < tasks.size(); i++) {
                if (i % window == 0) {
                    submitWindow(pool, tasks, i + window, window, outcomes); // queued behind the current one
                }
                FileOutcome outcome = next(outcomes.get(i));
                outcomes.set(i, null);
                summary.add(outcome);
                listener.accept(outcome);
            }
        } finally {
            pool.shutdownNow();
        }
        return summary;
    }

    /**
     * The work for each file, in list order: targets are claimed here, on one thread, so which of two files naming
     * the same output wins does not depend on timing.
     */
    private List<Task> tasks(List<InputFile> files) {
        List<Task> tasks = new ArrayList<>(files.size());
        Map<Path, InputFile> claimed = new HashMap<>();
        for (InputFile file : files) {
            Path target;
            try {
                target = destination.target(file);
            } catch (IOException e) {
                tasks.add(new Task(() -> FileOutcome.failed(file, Failures.describe(e)), 0));
                continue;
            }
            InputFile earlier = claimed.putIfAbsent(target.toAbsolutePath().normalize(), file);
            if (earlier != null && sameSource(earlier, file)) {
                continue; // a file named twice (itself and through its directory) is rewritten once
            }
            if (earlier != null) {
                // Two arguments name the same output: the second would silently replace the first's result.
                tasks.add(new Task(() -> FileOutcome.failed(file, "same output file as "
                        + earlier.source() + " (" + target + "); skipped"), 0));
            } else {
                Path webpCopy = webpTarget(target, file, claimed);
                tasks.add(new Task(() -> rewriter.rewrite(file, target, webpCopy), file.size()));
            }
        }
        return tasks;
    }

    /** Submits the tasks from {@code from} (up to {@code window} of them), the largest first. */
    private static void submitWindow(ExecutorService pool, List<Task> tasks, int from, int window,
                                     List<Future<FileOutcome>> outcomes) {
        int to = Math.min(tasks.size(), from + window);
        if (from >= to) {
            return;
        }
        long[] sizes = new long[to - from];
        for (int i = from; i < to; i++) {
            sizes[i - from] = tasks.get(i).size();
        }
        for (int i : largestFirst(sizes)) {
            outcomes.set(from + i, pool.submit(tasks.get(from + i).work()));
        }
    }

    /** The indices of {@code sizes}, largest size first; equal sizes (and unknown ones, -1) keep their order. */
    static int[] largestFirst(long[] sizes) {
        Integer[] order = new Integer[sizes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(sizes[b], sizes[a])); // a stable sort
        int[] indices = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            indices[i] = order[i];
        }
        return indices;
    }

    private static boolean sameSource(InputFile a, InputFile b) {
        return a.source().toAbsolutePath().normalize().equals(b.source().toAbsolutePath().normalize());
    }

    private static FileOutcome next(Future<FileOutcome> outcome) {
        try {
            return outcome.get();
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
