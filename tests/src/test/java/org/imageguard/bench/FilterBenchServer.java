package org.imageguard.bench;

import java.nio.file.Path;
import java.util.EnumSet;

import jakarta.servlet.DispatcherType;

import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.imageguard.filter.ImageGuardFilter;

/**
 * The servlet side of the cache-hit benchmark: embedded Jetty 12 ee10 with its {@link DefaultServlet} over a
 * directory, either behind {@link ImageGuardFilter} (default configuration, as a container would start it from
 * {@code web.xml} without init-params) or bare. Started once each way, the two servers differ only by the filter.
 *
 * <pre>{@code
 * java -cp <tests test classpath> org.imageguard.bench.FilterBenchServer 8082 /srv/images filter
 * java -cp <tests test classpath> org.imageguard.bench.FilterBenchServer 8083 /srv/images plain
 * }</pre>
 */
public final class FilterBenchServer {

    private static final String USAGE = "FilterBenchServer PORT DIR filter|plain";

    private FilterBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = BenchJetty.port(args, USAGE);
        if (args.length != 3 || !(args[2].equals("filter") || args[2].equals("plain"))) {
            throw new IllegalArgumentException("usage: " + USAGE);
        }
        ServletContextHandler context = new ServletContextHandler("/");
        context.setBaseResourceAsPath(Path.of(args[1]).toAbsolutePath());
        context.addServlet(DefaultServlet.class, "/");
        if (args[2].equals("filter")) {
            context.addFilter(ImageGuardFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        BenchJetty.serve(port, context);
    }
}
