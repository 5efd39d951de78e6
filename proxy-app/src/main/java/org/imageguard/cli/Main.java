package org.imageguard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imageguard.config.ConfigError;
import org.imageguard.config.ConfigException;
import picocli.CommandLine;

/**
 * Entry point of {@code imageguard.jar}: parses the command line, runs one command and returns its exit code
 * (0 success, 1 some work failed, 2 usage or configuration error). Output goes through the given writers so tests
 * can read it.
 *
 * <pre>{@code
 * StringWriter out = new StringWriter(), err = new StringWriter();
 * int code = Main.run(new PrintWriter(out), new PrintWriter(err), "check-config", "site.yaml");
 * }</pre>
 */
public final class Main {

    /** Options that belong to the top command itself; any other leading option is one of {@code serve}'s. */
    private static final Set<String> TOP_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("rewrite")) {
            EngineWarmUp.start();
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** With {@code environment} as the process environment the configuration reads its variables from. */
    static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = CommandLine.defaultFactory().create(type);
                if (made instanceof ConfigOption option) {
                    option.environment = environment;
                } else if (made instanceof CheckConfigCommand check) {
                    check.environment = environment;
                }
                return made;
            }
        };
        String[] line = withDefaultCommand(args);
        CommandLine cli = new CommandLine(new ImageGuardCommand(), factory);
        // Only the command the line names gets its model built (picocli reads every option of every command it is
        // given, by reflection: a third of a rewrite's start-up); help, a typing mistake or no command gets them all.
        String named = line.length > 0 ? line[0] : "";
        ImageGuardCommand.COMMANDS.forEach((name, command) -> {
            if (!ImageGuardCommand.COMMANDS.containsKey(named) || name.equals(named)) {
                cli.addSubcommand(command);
            }
        });
        cli.setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine.getErr()));
        int code = cli.execute(line);
        out.flush();
        err.flush();
        return code;
    }

    /** With no command, {@code serve}: {@code imageguard --port 8081} means {@code imageguard serve --port 8081}. */
    static String[] withDefaultCommand(String... args) {
        if (args.length > 0 && (!args[0].startsWith("-") || TOP_OPTIONS.contains(args[0]))) {
            return args;
        }
        List<String> serve = new ArrayList<>(List.of("serve"));
        serve.addAll(List.of(args));
        return serve.toArray(String[]::new);
    }

    /** Configuration errors are the user's to fix (exit 2); anything else means the work failed (exit 1). */
    private static int report(Exception e, PrintWriter err) {
        if (e instanceof ConfigException config) {
            config.errors().stream().map(ConfigError::toString).forEach(err::println);
            return ExitCode.USAGE;
        }
        err.println("imageguard: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        return ExitCode.FAILED;
    }
}
