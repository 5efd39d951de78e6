package org.imageguard.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.imageguard.config.ConfigValues;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.MemoryBudget;
import org.imageguard.config.OriginSettings;
import org.imageguard.config.ServerSettings;
import org.imageguard.proxy.ConfigReloader;
import org.imageguard.proxy.ConfigWatcher;
import org.imageguard.proxy.HangupSignal;
import org.imageguard.proxy.ImageGuardServer;
import org.imageguard.proxy.PortInUseException;
import org.imageguard.proxy.ProxyMetrics;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Runs the reverse proxy until it is stopped (Ctrl-C, SIGTERM). Flags override the environment's
 * {@code IMAGEGUARD_*} variables, which override the file; the file is watched and
 * reloaded on change or SIGHUP. With neither an origin nor a file, serves the built-in demo.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the reverse proxy in front of an upstream server or a static directory.",
            "Flags override IMAGEGUARD_* environment variables, which override the configuration file. With "
                + "no origin from any of them, serves the built-in demo site on 127.0.0.1:8080."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @ArgGroup(exclusive = true)
    Origin origin;

    @Option(names = "--host", paramLabel = "ADDR", converter = HostConverter.class,
            description = "Address to listen on (default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "N", converter = PortConverter.class,
            description = "Port to listen on (default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--admin-port", paramLabel = "N", converter = PortConverter.class,
            description = "Port of /healthz and /metrics (default 8081; 0 disables).")
    Integer adminPort;

    @Option(names = "--admin-host", paramLabel = "ADDR", converter = HostConverter.class,
            description = "Address of /healthz and /metrics (default 127.0.0.1; 0.0.0.0 for probes from other "
                + "containers).")
    String adminHost;

    /** Where images come from: at most one of an upstream URL or a directory. */
    static final class Origin {
        @Option(names = "--upstream", paramLabel = "URL", converter = UrlConverter.class,
                description = "Absolute http(s) URL of the origin server.")
        URI upstream;

        @Option(names = "--root", paramLabel = "DIR", description = "Directory to serve files from.")
        Path root;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigReloader configs = new ConfigReloader(this::effectiveConfig);
        if (config.file != null && !configs.get().origin().isConfigured()) {
            err.println(config.file + ": no origin: set origin.upstream or origin.root, or pass --upstream or --root");
            return ExitCode.USAGE;
        }
        Optional<String> memory = MemoryBudget.of(configs.get(), Runtime.getRuntime().maxMemory()).problem();
        if (memory.isPresent()) {
            err.println(memory.get());
            return ExitCode.USAGE;
        }
        ImageGuardServer server = ImageGuardServer.create(configs, new ProxyMetrics());
        try {
            server.start();
        } catch (PortInUseException e) {
            err.println(e.getMessage());
            return ExitCode.USAGE;
        }
        server.stopAtShutdown();
        server.recordUncaughtOutOfMemory();
        out.println("Serving on " + server.publicUrl() + "/");
        if (server.mode() == ImageGuardServer.Mode.DEMO) {
            out.println("Try: java -jar proxy-app/target/imageguard.jar inspect " + server.publicUrl()
                    + "/images/harbour.jpg");
        }
        out.flush();
        ConfigWatcher watcher = null;
        if (config.file != null) {
            HangupSignal.install(configs::reload);
            watcher = ConfigWatcher.start(config.file, configs::reload);
        }
        try {
            server.join();
        } finally {
            if (watcher != null) {
                watcher.close();
            }
        }
        return ExitCode.OK;
    }

    /** The file (or the defaults) with the flags applied; a flag's origin replaces the file's, whichever kind. */
    ImageGuardConfig effectiveConfig() {
        // An origin flag replaces the file's, so only the file's own origin is checked on disk.
        ImageGuardConfig file = origin == null ? config.loadForServing() : config.load();
        ServerSettings s = file.server();
        ServerSettings server = new ServerSettings(host != null ? host : s.host(), port != null ? port : s.port(),
                adminPort != null ? adminPort : s.adminPort(), adminHost != null ? adminHost : s.adminHost());
        OriginSettings o = file.origin();
        OriginSettings originSettings = origin == null ? o : new OriginSettings(Optional.ofNullable(origin.upstream),
                Optional.ofNullable(origin.root).map(this::existingDirectory), o.connectTimeout(), o.timeout());
        return new ImageGuardConfig(server, originSettings, file.cache(), file.policy(), file.paths());
    }

    private Path existingDirectory(Path root) {
        if (!Files.isDirectory(root)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--root': '" + root + "' is not a directory");
        }
        return root;
    }

    static final class UrlConverter implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                return ConfigValues.parseHttpUrl(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class PortConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String expected = "expected a port from 0 to 65535, found '" + value + "'";
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new TypeConversionException(expected);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new TypeConversionException(expected);
            }
        }
    }

    static final class HostConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("expected an address like 127.0.0.1 or 0.0.0.0, found ''");
            }
            try {
                return ConfigValues.requireText(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
