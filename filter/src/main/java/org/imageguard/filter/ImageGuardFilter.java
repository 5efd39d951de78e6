package org.imageguard.filter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.imageguard.config.AiCrawlerSettings;
import org.imageguard.config.ConfigError;
import org.imageguard.config.ConfigException;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.ConfigSummary;
import org.imageguard.config.ConfigValues;
import org.imageguard.config.DataSize;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.MemoryBudget;
import org.imageguard.config.RobotsTxtMode;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.http.CacheStats;
import org.imageguard.http.Exchange;
import org.imageguard.http.ImageGuardPipeline;
import org.imageguard.http.InFlightBudget;
import org.imageguard.http.RewriteCache;
import org.imageguard.http.RewriteFailures;
import org.imageguard.http.Step;
import org.imageguard.metrics.RequestMeters;
import org.imageguard.policy.ImageGuardSite;
import org.imageguard.policy.SiteAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ImageGuard as a Jakarta Servlet 6.0 filter (Tomcat 10.1+, Jetty 12 ee10/ee11): image responses of the web
 * application get the protection described in docs/http.md, everything else streams through untouched and
 * unbuffered. The HTTP behaviour lives in {@link ImageGuardPipeline}, built from the configuration by
 * {@link ImageGuardSite}; this class only adapts the servlet API to it. Crawler and hotlink denials, {@code /robots.txt} and
 * {@code /.well-known/tdmrep.json} are answered here, before the application runs.
 *
 * <pre>{@code
 * <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
 * <filter>
 *   <filter-name>imageguard</filter-name>
 *   <filter-class>org.imageguard.filter.ImageGuardFilter</filter-class>
 *   <init-param>
 *     <param-name>config</param-name>
 *     <param-value>classpath:imageguard.yaml</param-value>
 *   </init-param>
 * </filter>
 * <filter-mapping>
 *   <filter-name>imageguard</filter-name>
 *   <url-pattern>/*</url-pattern>
 *   <dispatcher>REQUEST</dispatcher>
 * </filter-mapping>
 * </web-app>
 * }</pre>
 *
 * <table>
 *   <caption>Init parameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>config</td><td>none: the built-in defaults (docs/configuration.md)</td><td>a YAML file path or
 *   {@code classpath:NAME} (a resource of the web application); an invalid file fails start-up with every problem as
 *   {@code FILE:LINE:COLUMN: message}. The {@code IMAGEGUARD_*} environment variables apply on top, with or
 *   without a file</td></tr>
 *   <tr><td>max-in-flight</td><td>{@code auto}: a quarter of the heap</td><td>bytes that image bodies being
 *   rewritten may hold at once ({@code 64MB}); beyond it images stream untouched as
 *   {@code bypass;reason=busy}</td></tr>
 *   <tr><td>meter-registry-attribute</td><td>none: {@code Metrics.globalRegistry} (thin jar only)</td><td>the
 *   ServletContext attribute holding the application's Micrometer {@code MeterRegistry}, which gets the
 *   {@code imageguard_*} meters</td></tr>
 *   <tr><td>metrics-path</td><td>none: not served</td><td>a path where the filter answers its meters as
 *   Prometheus text ({@code /imageguard/metrics})</td></tr>
 *   <tr><td>metrics-allow</td><td>{@code 127.0.0.1, ::1}</td><td>the client addresses and CIDR ranges that may
 *   read {@code metrics-path}; anyone else gets 404</td></tr>
 * </table>
 * Any other init-param fails start-up: a misspelt security setting must not be silently ignored.
 *
 * <p><b>Asynchronous servlets.</b> A response the servlet completes before its {@code service} returns, or whose
 * output stream it closes, is handled fully. One still open when an asynchronous servlet returns is streamed through
 * untouched from then on ({@code X-ImageGuard: bypass;reason=async} when it was an image being buffered), and so is
 * one using non-blocking output ({@code setWriteListener}). Map the filter to the {@code REQUEST} dispatcher only.
 */
public class ImageGuardFilter implements Filter {

    public static final String CONFIG_PARAM = "config";
    public static final String MAX_IN_FLIGHT_PARAM = "max-in-flight";
    private static final List<String> PARAMS = List.of(CONFIG_PARAM, MAX_IN_FLIGHT_PARAM,
            FilterMetrics.REGISTRY_ATTRIBUTE_PARAM, FilterMetrics.PATH_PARAM, FilterMetrics.ALLOW_PARAM);

    private static final Logger LOG = LoggerFactory.getLogger(ImageGuardFilter.class);

    private volatile ImageGuardPipeline pipeline;
    private volatile SiteAccess access;
    private final LongAdder bufferedBytes = new LongAdder();
    /** Built by {@link #init}, so ours to close; a pipeline handed in belongs to whoever built it. */
    private volatile boolean ownsPipeline;
    /** The meters of this filter, bound by {@link #init} and taken out again by {@link #destroy}. */
    private volatile FilterMetrics metrics = FilterMetrics.none();
    private volatile ImageGuardSite site;

    /** For containers: configured by {@link #init}. */
    public ImageGuardFilter() {
        // pipeline and access stay null until init()
    }

    /** For embedding and tests: a ready pipeline ({@code config} must then not be given). */
    public ImageGuardFilter(ImageGuardPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** For embedding: a configuration built in code, e.g. {@code ImageGuardSite.of(config)}; counts stay readable. */
    public ImageGuardFilter(ImageGuardSite site) {
        this(site.pipeline());
        this.access = site.access();
        this.site = site;
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        String name = config.getFilterName();
        for (String param : Collections.list(config.getInitParameterNames())) {
            if (!PARAMS.contains(param)) {
                throw failure(name, List.of("unknown init-param '" + param + "'; the init-params are "
                        + String.join(", ", PARAMS)));
            }
        }
        String location = config.getInitParameter(CONFIG_PARAM);
        boolean configured = location != null && !location.isBlank();
        List<String> problems = new ArrayList<>();
        FilterMetrics.Settings meters = FilterMetrics.Settings.of(config, problems);
        if (!problems.isEmpty()) {
            throw failure(name, problems);
        }
        String contextPath = config.getServletContext() == null ? "" : config.getServletContext().getContextPath();
        if (pipeline != null) {
            if (configured) {
                throw failure(name, List.of("was given a ready pipeline and init-param " + CONFIG_PARAM + "="
                        + location + "; use one or the other"));
            }
            metrics = new FilterMetrics(meters, site);
            LOG.info("ImageGuard filter '{}' started with a pipeline built in code; meters {}", name,
                    meters.describe(contextPath));
            return;
        }
        InFlightBudget inFlight = inFlight(name, config.getInitParameter(MAX_IN_FLIGHT_PARAM));
        ImageGuardConfig loaded = load(name, configured ? location.strip() : null);
        ImageGuardSite built = build(name, loaded, inFlight);
        site = built;
        access = built.access();
        pipeline = built.pipeline();
        ownsPipeline = true;
        metrics = new FilterMetrics(meters, built);
        LOG.info("ImageGuard filter '{}' started in {} with {}: {} · cache {} · in-flight budget {} · meters {}",
                name, contextPath.isEmpty() ? "/" : contextPath, configured ? location.strip() : "the defaults",
                ConfigSummary.of(loaded), loaded.cache().maxSize().map(DataSize::toString).orElse("auto"),
                DataSize.ofBytes(pipeline.inFlight().capacity()), meters.describe(contextPath));
        warnOutsideTheHostRoot(name, contextPath, loaded);
    }

    /** {@code auto} or absent: a quarter of the heap; otherwise a size in the configuration's units. */
    private static InFlightBudget inFlight(String name, String value) throws ServletException {
        if (value == null || value.isBlank() || value.strip().equals("auto")) {
            return null;
        }
        try {
            long bytes = ConfigValues.parseSize(value.strip()).bytes();
            if (bytes < 1) {
                throw new IllegalArgumentException("expected at least 1 byte, found '" + value.strip() + "'");
            }
            return new InFlightBudget(bytes);
        } catch (IllegalArgumentException e) {
            throw failure(name, List.of("init-param " + MAX_IN_FLIGHT_PARAM + ": " + e.getMessage()
                    + " (or auto: a quarter of the heap)"));
        }
    }

    /** Stops the background optimizer's workers of a pipeline {@link #init} built, so a redeploy leaks no thread. */
    @Override
    public void destroy() {
        metrics.close();
        metrics = FilterMetrics.none();
        if (ownsPipeline && pipeline != null) {
            pipeline.close();
        }
    }

    /**
     * The configuration with the process environment, or fails start-up after logging every problem of the file,
     * one line each as {@code FILE:LINE:COLUMN: message}, with no stack trace to bury them.
     */
    private static ImageGuardConfig load(String name, String location) throws ServletException {
        try {
            ImageGuardConfig config = location == null ? ConfigLoader.fromEnvironment(System.getenv())
                    : ConfigLoader.loadResource(location, System.getenv());
            Optional<String> memory = MemoryBudget.of(config, Runtime.getRuntime().maxMemory()).problem();
            if (memory.isPresent()) {
                throw failure(name, List.of((location == null ? "the defaults" : location) + ": " + memory.get()));
            }
            return config;
        } catch (ConfigException e) {
            throw failure(name, e.errors().stream().map(ConfigError::toString).toList());
        }
    }

    private static ImageGuardSite build(String name, ImageGuardConfig config, InFlightBudget inFlight)
            throws ServletException {
        try {
            return inFlight == null ? ImageGuardSite.of(config)
                    : ImageGuardSite.of(config, new ImageGuardEngine()::rewrite, new RewriteCache(config.cache()),
                    inFlight);
        } catch (IllegalArgumentException e) {
            // Settings the loader accepted but a policy could not compile: still a configuration error.
            throw failure(name, List.of(e.getMessage()));
        }
    }

    /** Logs each problem on its own line and returns the exception that stops the application, without a trace. */
    private static ServletException failure(String name, List<String> problems) {
        problems.forEach(problem -> LOG.error("ImageGuard filter '{}': {}", name, problem));
        return new ConfigurationFailure("ImageGuard filter '" + name + "' did not start: " + problems.size()
                + (problems.size() == 1 ? " configuration problem" : " configuration problems") + ", logged above: "
                + problems.get(0));
    }

    /**
     * robots.txt and tdmrep.json mean something only at the root of a host; under a context path the filter can
     * only answer {@code /photos/robots.txt}, which no crawler reads.
     */
    private static void warnOutsideTheHostRoot(String name, String contextPath, ImageGuardConfig config) {
        AiCrawlerSettings crawlers = config.policy().aiCrawlers();
        boolean servesFiles = crawlers.robotsTxt() != RobotsTxtMode.OFF || crawlers.tdmrepJson();
        if (!contextPath.isEmpty() && servesFiles) {
            LOG.warn("ImageGuard filter '{}' runs under the context path {}: crawlers read /robots.txt and"
                    + " /.well-known/tdmrep.json at the root of the host only, never {}/robots.txt; serve those"
                    + " files from the root application (or the front web server)", name, contextPath, contextPath);
        }
    }

    /** A start-up failure whose message says it all: the container logs it without a stack trace. */
    private static final class ConfigurationFailure extends ServletException {
        private static final long serialVersionUID = 1L;

        ConfigurationFailure(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest httpRequest)
                || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        FilterMetrics meters = metrics;
        if (meters.isMetricsRequest(httpRequest)) {
            meters.answer(httpRequest, httpResponse);
            return;
        }
        Step step = pipeline().begin(Answers.factsOf(httpRequest));
        if (step instanceof Step.Respond respond) {
            meters.request(respond.answer().outcome());
            Answers.write(respond.answer(), httpResponse);
            return;
        }
        if (!(step instanceof Step.Forward forward)) {
            meters.request(null);
            chain.doFilter(request, response);
            return;
        }
        // Closing gives back the in-flight budget on every path: answered, overflowed, async, thrown, client gone.
        try (Exchange exchange = forward.exchange()) {
            HttpServletRequest down = OriginRequest.changes(httpRequest, exchange)
                    ? new OriginRequest(httpRequest, exchange) : httpRequest;
            CapturingResponse capture = new CapturingResponse(httpResponse, exchange, bufferedBytes, meters);
            chain.doFilter(down, capture);
            if (httpRequest.isAsyncStarted()) {
                capture.goAsync();
            } else {
                capture.finish();
            }
            meters.request(exchange.outcome());
        } catch (IOException | ServletException | RuntimeException | Error e) {
            meters.failed(RequestMeters.Failure.INTERNAL);
            throw e;
        }
    }


    /** Body bytes held in memory for rewriting since start-up; pass-through responses never add to it. */
    public long bufferedBytes() {
        return bufferedBytes.sum();
    }

    public CacheStats cacheStats() {
        return pipeline().cacheStats();
    }

    public RewriteFailures failures() {
        return pipeline().failures();
    }

    /**
     * Crawler and hotlink counts for metrics; empty when the filter was given a ready pipeline or before
     * {@link #init}.
     */
    public Optional<SiteAccess> access() {
        return Optional.ofNullable(access);
    }

    private ImageGuardPipeline pipeline() {
        ImageGuardPipeline current = pipeline;
        if (current == null) {
            throw new IllegalStateException("ImageGuardFilter used before init()");
        }
        return current;
    }

    @Override
    public String toString() {
        return "ImageGuardFilter[" + pipeline + "]";
    }
}
