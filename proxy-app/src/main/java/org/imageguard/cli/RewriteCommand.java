package org.imageguard.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Applies the policy to files on disk. Implemented by a later issue; the options and config check are final. */
@Command(name = "rewrite", mixinStandardHelpOptions = true,
        description = {"Apply the policy to image files and directory trees on disk.",
            "Skips non-images. Prints a summary: files, rewritten, failed, bytes before -> after. Exits 1 when a "
                + "file failed."})
final class RewriteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to rewrite.")
    List<Path> paths;

    /** Where results go: exactly one of a separate tree or the files themselves. */
    static final class Destination {
        @Option(names = {"-o", "--output"}, paramLabel = "OUTDIR",
                description = "Write results under OUTDIR, mirroring the input tree.")
        Path outputDirectory;

        @Option(names = "--in-place", description = "Replace each file with its rewritten version.")
        boolean inPlace;
    }

    @Override
    public Integer call() {
        config.load(); // a bad --config is reported (exit 2) before anything else
        return ExitCode.notAvailable(spec.commandLine().getErr(), "rewrite");
    }
}
