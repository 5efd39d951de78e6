package org.imageguard.filter;

import java.io.IOException;
import java.util.Collections;
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

import org.imageguard.config.ConfigException;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.MemoryBudget;
import org.imageguard.http.CacheStats;
import org.imageguard.http.Exchange;
import org.imageguard.http.ImageGuardPipeline;
import org.imageguard.http.RewriteFailures;
import org.imageguard.http.Step;
import org.imageguard.policy.ImageGuardSite;
import org.imageguard.policy.SiteAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ImageGuard as a Jakarta Servlet 6.0 filter (Tomcat 10.1+, Jetty 12 ee10/ee11): image responses of the web
 * application get the protection of SPEC.md §4, everything else streams through untouched and unbuffered. The HTTP
 * behaviour lives in {@link ImageGuardPipeline}, built from the configuration by {@link ImageGuardSite}; this class
 * only adapts the servlet API to it. Crawler and hotlink denials, {@code /robots.txt} and
 * {@code /.well-known/tdmrep.json} are answered here, before the application runs.
 *
 * <pre>{@code
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
 * }</pre>
 *
 * <table>
 *   <caption>Init parameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>config</td><td>none: the defaults of SPEC.md §3</td><td>a YAML file path or {@code classpath:NAME}
 *   (a resource of the web application); an invalid file fails start-up with every problem as
 *   {@code FILE:LINE:COLUMN: message}</td></tr>
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

    private static final Logger LOG = LoggerFactory.getLogger(ImageGuardFilter.class);

    private volatile ImageGuardPipeline pipeline;
    private volatile SiteAccess access;
    private final LongAdder bufferedBytes = new LongAdder();

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
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        for (String name : Collections.list(config.getInitParameterNames())) {
            if (!CONFIG_PARAM.equals(name)) {
                throw new ServletException("unknown init-param '" + name + "' for filter " + config.getFilterName()
                        + "; the only one is '" + CONFIG_PARAM + "'");
            }
        }
        String location = config.getInitParameter(CONFIG_PARAM);
        boolean configured = location != null && !location.isBlank();
        if (pipeline != null) {
            if (configured) {
                throw new ServletException("filter " + config.getFilterName() + " was given a ready pipeline and"
                        + " init-param " + CONFIG_PARAM + "=" + location + "; use one or the other");
            }
        } else {
            ImageGuardSite site = configured ? load(location.strip()) : ImageGuardSite.of(ImageGuardConfig.DEFAULTS);
            access = site.access();
            pipeline = site.pipeline();
        }
        LOG.info("ImageGuard filter started{}: {}", configured ? " with " + location.strip() : " with defaults",
                this);
    }

    /**
     * The container logs the message and refuses to start the application: every problem of the file, one per line,
     * as {@code FILE:LINE:COLUMN: message}.
     */
    private static ImageGuardSite load(String location) throws ServletException {
        try {
            ImageGuardConfig config = ConfigLoader.loadResource(location);
            Optional<String> memory = MemoryBudget.of(config, Runtime.getRuntime().maxMemory()).problem();
            if (memory.isPresent()) {
                throw new ServletException(location + ": " + memory.get());
            }
            return ImageGuardSite.of(config);
        } catch (ConfigException e) {
            throw new ServletException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Settings the loader accepted but a policy could not compile: still a configuration error.
            throw new ServletException(location + ": " + e.getMessage(), e);
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
        Step step = pipeline().begin(Answers.factsOf(httpRequest));
        if (step instanceof Step.Respond respond) {
            Answers.write(respond.answer(), httpResponse);
            return;
        }
        if (!(step instanceof Step.Forward forward)) {
            chain.doFilter(request, response);
            return;
        }
        // Closing gives back the in-flight budget on every path: answered, overflowed, async, thrown, client gone.
        try (Exchange exchange = forward.exchange()) {
            HttpServletRequest down = OriginRequest.changes(httpRequest, exchange)
                    ? new OriginRequest(httpRequest, exchange) : httpRequest;
            CapturingResponse capture = new CapturingResponse(httpResponse, exchange, bufferedBytes);
            chain.doFilter(down, capture);
            if (httpRequest.isAsyncStarted()) {
                capture.goAsync();
            } else {
                capture.finish();
            }
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
