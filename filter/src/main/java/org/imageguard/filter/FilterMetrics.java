package org.imageguard.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.imageguard.http.HttpAnswer;
import org.imageguard.http.Outcome;
import org.imageguard.metrics.PrometheusText;
import org.imageguard.metrics.RequestMeters;
import org.imageguard.metrics.SiteHistory;
import org.imageguard.metrics.SiteMeters;
import org.imageguard.policy.ImageGuardSite;

/**
 * The filter's meters (the proxy's {@code imageguard_*} ones) and where they go, from three init-params:
 * <ul>
 *   <li>{@code meter-registry-attribute}: the name of a ServletContext attribute holding the application's
 *   {@code io.micrometer.core.instrument.MeterRegistry}; without it, {@code Metrics.globalRegistry}, to which Spring
 *   Boot and most Micrometer applications add theirs. Only the thin jar can share the application's Micrometer: the
 *   {@code -all} jar's is relocated, so an attribute from the application fails start-up with a line saying so.</li>
 *   <li>{@code metrics-path}: off unless given; a path in the application (e.g. {@code /imageguard/metrics}) where
 *   the filter answers its own registry as Prometheus text.</li>
 *   <li>{@code metrics-allow}: who may read {@code metrics-path}: IP addresses and CIDR ranges of the connection
 *   ({@code getRemoteAddr()}); {@code 127.0.0.1, ::1} unless given. Anyone else gets 404, as if it were not there.</li>
 * </ul>
 */
final class FilterMetrics implements AutoCloseable {

    static final String REGISTRY_ATTRIBUTE_PARAM = "meter-registry-attribute";
    static final String PATH_PARAM = "metrics-path";
    static final String ALLOW_PARAM = "metrics-allow";
    static final List<String> PARAMS = List.of(REGISTRY_ATTRIBUTE_PARAM, PATH_PARAM, ALLOW_PARAM);
    static final String LOOPBACK = "127.0.0.1, ::1";
    /** In the -all jar Micrometer is relocated under org.imageguard.shaded: the application's cannot be shared. */
    static final boolean SHADED = MeterRegistry.class.getName().startsWith("org.imageguard.shaded.");

    /** Where the meters go, read from the init-params before anything is built; problems as one line each. */
    record Settings(MeterRegistry registry, String registryName, String path, RemoteAddresses allowed) {

        static Settings of(FilterConfig config, List<String> problems) {
            String attribute = param(config, REGISTRY_ATTRIBUTE_PARAM);
            // The -all jar's global registry is a relocated copy nobody else reads: binding to it would mislead.
            MeterRegistry registry = SHADED ? null : Metrics.globalRegistry;
            String registryName = "Metrics.globalRegistry";
            if (attribute != null) {
                ServletContext context = config.getServletContext();
                Object value = context == null ? null : context.getAttribute(attribute);
                registryName = "the MeterRegistry in ServletContext attribute " + attribute;
                if (value instanceof MeterRegistry found) {
                    registry = found;
                } else if (value == null) {
                    problems.add("init-param " + REGISTRY_ATTRIBUTE_PARAM + ": the ServletContext has no attribute '"
                            + attribute + "'; set it to the application's MeterRegistry before filters start");
                } else {
                    problems.add("init-param " + REGISTRY_ATTRIBUTE_PARAM + ": attribute '" + attribute + "' holds a "
                            + value.getClass().getName() + ", expected a " + MeterRegistry.class.getName()
                            + (!SHADED ? "" : " (the -all jar carries its own relocated Micrometer: use the thin"
                            + " jar to share the application's registry, or metrics-path)"));
                }
            }
            String path = param(config, PATH_PARAM);
            if (path != null && (!path.startsWith("/") || path.contains("?") || path.contains("#"))) {
                problems.add("init-param " + PATH_PARAM + ": expected a path starting with /, found '" + path + "'");
                path = null;
            }
            if (path != null && !prometheusAvailable()) {
                problems.add("init-param " + PATH_PARAM + " needs io.micrometer:micrometer-registry-prometheus in"
                        + " WEB-INF/lib (the -all jar includes it)");
                path = null;
            }
            String allow = param(config, ALLOW_PARAM);
            RemoteAddresses allowed = RemoteAddresses.parse(LOOPBACK);
            if (allow != null) {
                try {
                    allowed = RemoteAddresses.parse(allow);
                } catch (IllegalArgumentException e) {
                    problems.add("init-param " + ALLOW_PARAM + ": " + e.getMessage());
                }
                if (param(config, PATH_PARAM) == null) {
                    problems.add("init-param " + ALLOW_PARAM + " is given but " + PATH_PARAM + " is not");
                }
            }
            return new Settings(registry, registryName, path, allowed);
        }

        private static String param(FilterConfig config, String name) {
            String value = config.getInitParameter(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        private static boolean prometheusAvailable() {
            try {
                Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", false,
                        FilterMetrics.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        /** What the start-up line says about the meters, after "meters". */
        String describe(String contextPath) {
            String text = path == null ? null : "as Prometheus text at " + contextPath + path + " (" + allowed + ")";
            if (registry == null) {
                return text != null ? text : "nowhere: set init-param " + PATH_PARAM + " (the -all jar cannot reach"
                        + " the application's Micrometer)";
            }
            return "to " + registryName + (text == null ? "" : " and " + text);
        }
    }

    private final List<RequestMeters> requests = new ArrayList<>();
    private final List<SiteMeters> sites = new ArrayList<>();
    private final PrometheusText prometheus;
    private final String path;
    private final RemoteAddresses allowed;

    /** No meters at all: a filter embedded in code and used without {@code init()}. */
    static FilterMetrics none() {
        return new FilterMetrics(new Settings(null, "no registry", null, RemoteAddresses.parse(LOOPBACK)), null);
    }

    /** Binds the meters where {@code settings} say; {@code site} is null for a pipeline handed in ready-made. */
    FilterMetrics(Settings settings, ImageGuardSite site) {
        this.path = settings.path();
        this.allowed = settings.allowed();
        List<MeterRegistry> registries = new ArrayList<>();
        if (settings.registry() != null) {
            registries.add(settings.registry());
        }
        prometheus = path == null ? null : new PrometheusText();
        if (prometheus != null) {
            registries.add(prometheus.registry());
        }
        for (MeterRegistry registry : registries) {
            requests.add(new RequestMeters(registry));
            if (site != null) {
                sites.add(SiteMeters.bind(registry, SiteHistory.of(site)));
            }
        }
        if (prometheus != null) {
            prometheus.beforeScrape(this::registerLabelled);
        }
    }

    /** Whether this request is for {@code metrics-path}: {@link #answer} it, the application never sees it. */
    boolean isMetricsRequest(HttpServletRequest request) {
        if (path == null) {
            return false;
        }
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        return path.equals(servletPath + pathInfo);
    }

    /** The Prometheus text to an allowed address; 404 to anyone else, as if nothing were there. */
    void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean permitted = allowed.contains(request.getRemoteAddr());
        byte[] body = (permitted ? prometheus.scrape() : "not found\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(permitted ? 200 : 404);
        response.setContentType(permitted ? PrometheusText.CONTENT_TYPE : "text/plain; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    /**
     * Counts a request by its outcome (null: not ours). One other than hit or miss (a refusal, a bypass) may carry a
     * label not seen yet: a registry that is not scraped through us learns it now.
     */
    void request(Outcome outcome) {
        requests.forEach(meters -> meters.request(outcome));
        if (outcome != null && !(outcome instanceof Outcome.Hit) && !(outcome instanceof Outcome.Miss)) {
            registerLabelled();
        }
    }

    /** Counts a request that failed before any answer; like a refusal, it may bring labels not seen yet. */
    void failed(RequestMeters.Failure failure) {
        requests.forEach(meters -> meters.failed(failure));
        registerLabelled();
    }

    void rewritten(HttpAnswer answer, long originalLength, long nanos) {
        requests.forEach(meters -> meters.rewritten(answer, originalLength, nanos));
    }

    private void registerLabelled() {
        sites.forEach(SiteMeters::registerLabelled);
    }

    /** Takes the meters out of the application's registry, which may outlive this filter. */
    @Override
    public void close() {
        sites.forEach(SiteMeters::close);
        requests.forEach(RequestMeters::close);
        if (prometheus != null) {
            prometheus.close();
        }
    }
}
