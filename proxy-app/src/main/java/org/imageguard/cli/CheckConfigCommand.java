package org.imageguard.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.ConfigLocator;
import org.imageguard.config.ConfigPrinter;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.engine.NotYetImplemented;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Validates a configuration file as {@code serve} will use it (with the {@code IMAGEGUARD_*} environment, and the
 * {@code origin.root} folder checked) and prints the effective configuration, or every error with its position.
 * Warnings carry a position too: {@code FILE:LINE:COLUMN: warning: message}.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Validate a configuration file as serve will use it and print the effective configuration.",
            "Applies the IMAGEGUARD_* environment variables and checks that origin.root is a readable folder. "
                + "Prints every key with its value, defaults included, and exits 0; or prints each error as "
                + "FILE:LINE:COLUMN: message and exits 2. Warnings go to standard error as "
                + "FILE:LINE:COLUMN: warning: message."})
final class CheckConfigCommand implements Callable<Integer> {

    /** "optimize.mode: lossy (paths: /thumbs/**) is not implemented ...": the key and the entry it is in. */
    private static final Pattern WARNING = Pattern.compile("([a-z][a-z.-]*)[^(]*?(?: \\(paths: (.+?)\\))? is not .*");

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
        NotYetImplemented.in(config).forEach(message ->
                spec.commandLine().getErr().println(where(path, message) + ": warning: " + message));
        return ExitCode.OK;
    }

    private String where(Path path, String message) {
        Matcher m = WARNING.matcher(message);
        return m.matches() ? ConfigLocator.where(path, environment, m.group(1), m.group(2)) : path.toString();
    }
}
