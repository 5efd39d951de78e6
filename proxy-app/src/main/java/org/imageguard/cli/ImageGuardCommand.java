package org.imageguard.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top command: lists the four commands ({@link #COMMANDS}, added by {@link Main}); {@link Main} runs
 * {@code serve} when none is named.
 */
@Command(name = "imageguard", mixinStandardHelpOptions = true, versionProvider = ImageGuardCommand.Version.class,
        usageHelpAutoWidth = true,
        description = {"Protects a website's images from AI data mining: every image carries a machine-readable "
            + "\"no AI training\" statement (XMP plus:DataMining), loses private metadata (GPS, serial numbers), "
            + "gets smaller, and is refused to AI training crawlers and foreign pages.", ""},
        footer = {"", "With no command, imageguard runs serve.",
            "Exit codes: 0 success, 1 some work failed, 2 usage or configuration error."})
final class ImageGuardCommand implements Runnable {

    /** The commands, by the name picocli gives them (their {@code @Command} name), in the order help lists them. */
    static final Map<String, Class<?>> COMMANDS = commands();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut()); // only reached with an explicit empty command
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        for (Class<?> command : List.of(ServeCommand.class, RewriteCommand.class, InspectCommand.class,
                CheckConfigCommand.class)) {
            commands.put(command.getAnnotation(Command.class).name(), command);
        }
        return Collections.unmodifiableMap(commands);
    }

    /** The version from the jar's manifest; a build from the IDE has none. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ImageGuardCommand.class.getPackage().getImplementationVersion();
            return new String[] {"imageguard " + (version == null ? "(development build)" : version)};
        }
    }
}
