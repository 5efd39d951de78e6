package org.imageguard.proxy;

import java.net.BindException;
import org.eclipse.jetty.io.ConnectionStatistics;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.OriginSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone proxy: a Jetty 12 server with the public port (upstream, static or demo origin, every request
 * through the ImageGuard pipeline of the configuration in force) and the admin port ({@code /healthz}, {@code /metrics}
 * on {@code server.admin-host}, the loopback unless the configuration opens it to probes from other containers).
 *
 * <pre>{@code
 * ImageGuardServer server = ImageGuardServer.create(config);  // server.port: 0 picks a free port
 * server.start();
 * URI home = URI.create(server.publicUrl() + "/");
 * server.stop();
 * }</pre>
 * The origin is chosen once: {@code origin.upstream}, else {@code origin.root}, else the built-in demo. Request
 * threads are virtual where the JVM has them (Java 21+), pooled platform threads otherwise. Stopping waits for
 * requests in flight (up to {@link #STOP_TIMEOUT_MILLIS}). The system property {@code imageguard.access-log=true}
 * logs every request in NCSA extended format to the logger {@code imageguard.access}.
 */
public final class ImageGuardServer implements AutoCloseable {

    public static final long STOP_TIMEOUT_MILLIS = 10_000;
    /** Room for the origin's headers (at most {@link UpstreamOrigin#MAX_ORIGIN_HEADERS}) and ours. */
    static final int RESPONSE_HEADER_SIZE = 2 * UpstreamOrigin.MAX_ORIGIN_HEADERS;
    private static final Logger LOG = LoggerFactory.getLogger(ImageGuardServer.class);

    /** What the public port serves. */
    public enum Mode { UPSTREAM, STATIC, DEMO }

    private final ConfigReloader configs;
    private final ProxyMetrics metrics;
    private final Mode mode;
    private final Origin origin;
    private final Server server;
    private final ServerConnector publicConnector;
    private final ServerConnector adminConnector;
    private final OutOfMemory outOfMemory;

    private ImageGuardServer(ConfigReloader configs, ProxyMetrics metrics, QueuedThreadPool threads) {
        this.configs = configs;
        this.metrics = metrics;
        ImageGuardConfig config = configs.get();
        OriginSettings origins = config.origin();
        this.mode = origins.upstream().isPresent() ? Mode.UPSTREAM
                : origins.root().isPresent() ? Mode.STATIC : Mode.DEMO;

        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setResponseHeaderSize(RESPONSE_HEADER_SIZE);
        http.setSendDateHeader(false); // the origin's Date passes through; two would contradict each other

        // One selector per core: cache hits are served on the selector threads (PublicHandler is non-blocking), and
        // Jetty's default of half the cores would leave one core of two idle while the other writes every hit.
        publicConnector = new ServerConnector(server, -1, Runtime.getRuntime().availableProcessors(),
                new HttpConnectionFactory(http));
        publicConnector.setName("public");
        publicConnector.setHost(config.server().host());
        publicConnector.setPort(config.server().port());
        ConnectionStatistics connections = new ConnectionStatistics();
        publicConnector.addBean(connections);
        server.addConnector(publicConnector);
        if (config.server().adminPort() > 0) {
            adminConnector = new ServerConnector(server, new HttpConnectionFactory(new HttpConfiguration()));
            adminConnector.setName("admin");
            adminConnector.setHost(config.server().adminHost()); // its own setting: server.host never widens it
            adminConnector.setPort(config.server().adminPort());
            server.addConnector(adminConnector);
        } else {
            adminConnector = null;
        }

        SiteRoot demo = mode == Mode.DEMO ? new ClasspathRoot("demo/") : null;
        origin = newOrigin(origins, demo);
        outOfMemory = new OutOfMemory(metrics.registry());
        server.setErrorHandler(new PlainErrorHandler(outOfMemory));
        Handler publicHandler = new PublicHandler(configs, origin, metrics, outOfMemory);
        if (demo != null) {
            publicHandler = new DemoReport(publicHandler, configs, demo);
        }
        AdminHandler adminHandler = new AdminHandler(metrics,
                () -> server.isStarted() && publicConnector.isOpen() && !outOfMemory.happened());
        StatisticsHandler statistics = new StatisticsHandler(new PortRouter(adminConnector, adminHandler,
                publicHandler));
        server.setHandler(new GracefulHandler(statistics));
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        if (Boolean.getBoolean("imageguard.access-log")) {
            server.setRequestLog(AccessLog.toSlf4j());
        }
        new JettyMetrics(threads, connections, statistics).bindTo(metrics.registry());
        metrics.bind(configs);
    }

    /** A server over a fixed configuration, with the real engine. */
    public static ImageGuardServer create(ImageGuardConfig config) {
        return create(ConfigReloader.fixed(config), new ProxyMetrics());
    }

    /** The server the CLI runs: configuration (and site) that may reload, its own metrics. */
    public static ImageGuardServer create(ConfigReloader configs, ProxyMetrics metrics) {
        QueuedThreadPool threads = new QueuedThreadPool();
        if (VirtualThreads.areSupported()) {
            threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("imageguard-vt"));
        }
        return create(configs, metrics, threads);
    }

    /** On a given pool: tests starve it on purpose to show which work holds a thread. */
    static ImageGuardServer create(ConfigReloader configs, ProxyMetrics metrics, QueuedThreadPool threads) {
        threads.setName("imageguard");
        return new ImageGuardServer(configs, metrics, threads);
    }

    private Origin newOrigin(OriginSettings origins, SiteRoot demo) {
        switch (mode) {
            case UPSTREAM:
                UpstreamOrigin upstream = new UpstreamOrigin(origins);
                server.addBean(upstream.client()); // started before the connectors open, stopped after they close
                return upstream;
            case STATIC:
                return new StaticOrigin(new DirectoryRoot(origins.root().orElseThrow()));
            default:
                return new StaticOrigin(demo);
        }
    }

    /** Binds the ports and serves; logs the start-up line. */
    public void start() throws PortInUseException, Exception {
        // Opened one by one first, so a taken port is named precisely; start() keeps them open.
        open(publicConnector, "port " + configs.get().server().port() + " is in use: pass --port N");
        if (adminConnector != null) {
            open(adminConnector, "admin port " + configs.get().server().adminPort()
                    + " is in use: pass --admin-port N (0 disables it)");
        }
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw e;
        }
        LOG.info(StartupLine.of(StartupLine.version(), origin.describe(), publicUrl(),
                adminConnector == null ? null : adminUrl(), configs.get()));
    }

    private void open(ServerConnector connector, String inUse) throws Exception {
        try {
            connector.open();
        } catch (Exception e) {
            stopQuietly();
            throw causedBy(e, BindException.class) ? new PortInUseException(inUse, e) : e;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // Already failing to start: the first failure is the one to report.
        }
        publicConnector.close(); // a stopped server does not close what open() bound before start()
        if (adminConnector != null) {
            adminConnector.close();
        }
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops serving, then the background optimizer's workers. */
    public void stop() throws Exception {
        try {
            server.stop();
        } finally {
            configs.close();
        }
    }

    /** {@link #stop()} for try-with-resources; a failure to stop is unexpected, so it is unchecked here. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("the server did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /** Registers a JVM shutdown hook that stops the server gracefully (for the CLI; tests stop it themselves). */
    public void stopAtShutdown() {
        server.setStopAtShutdown(true);
    }

    /**
     * Records an OutOfMemoryError on any thread of the JVM, not only request threads, so {@code /healthz} turns
     * unhealthy (for the CLI: it sets the JVM-wide default handler; tests leave it alone).
     */
    public void recordUncaughtOutOfMemory() {
        outOfMemory.installUncaughtHandler();
    }

    public Mode mode() {
        return mode;
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    public ConfigReloader configs() {
        return configs;
    }

    /** The bound public port (the real one when the configuration said 0). */
    public int port() {
        return publicConnector.getLocalPort();
    }

    /** The bound admin port, or 0 when it is disabled. */
    public int adminPort() {
        return adminConnector == null ? 0 : adminConnector.getLocalPort();
    }

    public String publicUrl() {
        return url(configs.get().server().host(), port());
    }

    public String adminUrl() {
        return url(configs.get().server().adminHost(), adminPort());
    }

    private static String url(String host, int port) {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "ImageGuardServer[" + mode + " " + origin.describe() + " on " + publicUrl() + "]";
    }
}
