package org.imageguard.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.imageguard.batch.BatchRewriter;
import org.imageguard.batch.BatchSummary;
import org.imageguard.batch.Destination;
import org.imageguard.batch.FileOutcome;
import org.imageguard.batch.InputFiles;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.PathResolver;
import org.imageguard.engine.ImageGuardEngine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Applies the policy to files on disk, in parallel: {@code rewrite -o protected site} or
 * {@code rewrite --in-place site}. Failures are reported as {@code path: reason} on stderr, the summary on stdout.
 */
@Command(name = "rewrite", mixinStandardHelpOptions = true,
        description = {"Apply the policy to image files and directory trees on disk.",
            "Skips non-images. Prints a summary: files, rewritten, failed, bytes before -> after. Exits 1 when a "
                + "file failed.",
            "",
            "Images are recognised by their content, not their name. Per-path overrides (paths: in the "
                + "configuration) match each file's path relative to the PATH it was found under, with a leading /: "
                + "site/img/a.jpg under PATH site is /img/a.jpg.",
            "With -o, each PATH's tree is mirrored under OUTDIR (directories are created) and is complete, like "
                + "rsync's copy: files not rewritten (non-images, unsupported images, over max-image-size, failures) "
                + "are copied as they are. Every file not rewritten is listed by name after the summary.",
            "Temporary files (.NAME.PID.N.imageguard-tmp) left by an interrupted run are never inputs; those whose "
                + "run is over are removed.",
            "Every file is written to a temporary file next to it and renamed over the target, so an original is "
                + "never half-written; a file that fails is left untouched. Results keep the original's "
                + "permissions; their modification time is the time of the rewrite.",
            "Files are processed on limits.transform-concurrency threads (0: one per core). A progress bar is "
                + "drawn on stderr when it is a terminal."})
final class RewriteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--webp", description = "Also write a WebP copy (NAME.webp beside NAME.jpg or NAME.png) of each "
            + "rewritten JPEG and PNG, protected like the rest, when it is smaller.")
    boolean webp;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to rewrite.")
    List<Path> paths;

    /** Where results go: exactly one of a separate tree or the files themselves. */
    static final class Target {
        @Option(names = {"-o", "--output"}, paramLabel = "OUTDIR",
                description = "Write results under OUTDIR, mirroring the input tree.")
        Path outputDirectory;

        @Option(names = "--in-place", description = "Replace each file with its rewritten version.")
        boolean inPlace;
    }

    @Override
    public Integer call() {
        ImageGuardConfig loaded = config.load(); // a bad --config is reported (exit 2) before anything else
        PrintWriter err = spec.commandLine().getErr();
        if (!argumentsUsable(err)) {
            return ExitCode.USAGE;
        }
        Optional<Path> outputDirectory = Optional.ofNullable(target.outputDirectory);
        Instant now = Instant.now();
        InputFiles inputs = InputFiles.list(paths, outputDirectory, now);
        List<Path> leftovers = new ArrayList<>(inputs.removedLeftovers());
        outputDirectory.ifPresent(out -> leftovers.addAll(InputFiles.removeLeftovers(out, now)));
        BatchRewriter batch = new BatchRewriter(new ImageGuardEngine(), PathResolver.of(loaded),
                outputDirectory.<Destination>map(Destination.Tree::new).orElseGet(Destination.InPlace::new),
                threads(loaded), webp);

        ProgressBar progress = ProgressBar.of(err, inputs.files().size(), System.console() != null);
        inputs.failures().forEach(progress::message);
        if (!leftovers.isEmpty()) {
            progress.message("removed " + leftovers.size() + " temporary file(s) left by an interrupted run, e.g. "
                    + leftovers.get(0));
        }
        BatchSummary summary = batch.run(inputs.files(), outcome -> {
            if (outcome.kind() == FileOutcome.Kind.FAILED) {
                progress.message(outcome.file().source() + ": " + outcome.reason());
            }
            progress.step();
        });
        progress.finish();
        inputs.failures().forEach(summary::addFailure);
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary);
        if (!summary.notRewritten().isEmpty()) {
            out.println("not rewritten" + (outputDirectory.isPresent() ? " (copied as they are):" : ":"));
            summary.notRewritten().forEach(line -> out.println("  " + line));
        }
        return summary.count(FileOutcome.Kind.FAILED) == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    /** Arguments that do not exist are typing mistakes: said before any work starts, like a usage error. */
    private boolean argumentsUsable(PrintWriter err) {
        boolean usable = true;
        for (Path path : paths) {
            if (!InputFiles.exists(path)) {
                err.println(path + ": no such file or directory");
                usable = false;
            }
        }
        Path out = target.outputDirectory;
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            err.println(out + ": the output (-o) must be a directory");
            usable = false;
        }
        return usable;
    }

    private static int threads(ImageGuardConfig config) {
        int configured = config.policy().limits().transformConcurrency();
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }
}
