package org.imageguard.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.ConfigPrinter;
import org.imageguard.config.ImageGuardConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Validates a configuration file and prints the effective configuration, or every error with its position. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Validate a configuration file and print the effective configuration.",
            "Prints every key with its value, defaults included, and exits 0; or prints each error as "
                + "FILE:LINE:COLUMN: message and exits 2."})
final class CheckConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML configuration to check.")
    String file;

    @Override
    public Integer call() {
        ImageGuardConfig config = ConfigLoader.load(Path.of(file));
        spec.commandLine().getOut().println("# " + file + ": valid. Effective configuration:");
        spec.commandLine().getOut().print(ConfigPrinter.print(config));
        return ExitCode.OK;
    }
}
