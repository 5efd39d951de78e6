package org.imageguard.cli;

import java.nio.file.Path;
import java.util.Map;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.ImageGuardConfig;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}, shared by the commands that apply a policy; without it, the built-in defaults. Either way the
 * {@code IMAGEGUARD_*} environment variables are laid over it (docs/configuration.md, environment variables).
 */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration (see docs/configuration.md); default: the built-in defaults.")
    Path file;

    /** The process environment; tests put their own. */
    Map<String, String> environment = System.getenv();

    /** The loaded configuration; a bad file throws ConfigException, which {@link Main} reports with exit 2. */
    ImageGuardConfig load() {
        return file == null ? ConfigLoader.fromEnvironment(environment) : ConfigLoader.load(file, environment);
    }

    /** {@link #load()} with what serving opens checked too: {@code origin.root} a readable folder. */
    ImageGuardConfig loadForServing() {
        return ConfigLoader.loadForServing(file, environment);
    }
}
