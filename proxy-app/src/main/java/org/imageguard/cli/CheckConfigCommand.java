package org.imageguard.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.ConfigPrinter;
import org.imageguard.config.ImageGuardConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Validates a configuration file as {@code serve} will use it (with the {@code IMAGEGUARD_*} environment, and the
 * {@code origin.root} folder checked) and prints the effective configuration, or every error with its position.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Validate a configuration file as serve will use it and print the effective configuration.",
            "Applies the IMAGEGUARD_* environment variables and checks that origin.root is a readable folder. "
                + "Prints every key with its value, defaults included, and exits 0; or prints each error as "
                + "FILE:LINE:COLUMN: message and exits 2."})
final class CheckConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML configuration to check.")
    String file;

    /** The process environment; tests put their own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        Path path = Path.of(file);
        ImageGuardConfig config = ConfigLoader.loadForServing(path, environment);
        spec.commandLine().getOut().println("# " + file + ": valid. Effective configuration:");
        spec.commandLine().getOut().print(ConfigPrinter.print(config));
        return ExitCode.OK;
    }
}
