package org.imageguard.cli;

import java.nio.file.Path;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.ImageGuardConfig;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by the commands that apply a policy; without it, the defaults of SPEC §3. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration (see docs/configuration.md); default: the built-in defaults.")
    Path file;

    /** The loaded configuration; a bad file throws ConfigException, which {@link Main} reports with exit 2. */
    ImageGuardConfig load() {
        return file == null ? ImageGuardConfig.DEFAULTS : ConfigLoader.load(file);
    }
}
