package org.imageguard.filter.logging;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.jul.JDK14LoggerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of the drop-in jar ({@code imageguard-filter-VERSION-all.jar}), registered only there: the
 * filter's lines go to the web application's own SLF4J when it has one with a binding (Spring Boot's Logback, Jetty's
 * jetty-slf4j-impl), so they come out in the application's log format; otherwise to java.util.logging, which every
 * servlet container routes to its own log (Tomcat: catalina.DATE.log). The plain jar has no binding of its own.
 */
public final class ContainerLoggingProvider implements SLF4JServiceProvider {

    /** The SLF4J API version this binding was written for. */
    public static final String REQUESTED_API_VERSION = "2.0.99";

    private ILoggerFactory loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }

    @Override
    public void initialize() {
        ClassLoader loader = ContainerLoggingProvider.class.getClassLoader();
        loggers = factory(HostLogging.find(loader));
        markers = new BasicMarkerFactory();
        mdc = new NOPMDCAdapter();
    }

    /** Loggers of the host's SLF4J when there is one, else java.util.logging's. */
    static ILoggerFactory factory(Optional<HostLogging> host) {
        if (host.isEmpty()) {
            return new JDK14LoggerFactory();
        }
        Map<String, Logger> made = new ConcurrentHashMap<>();
        return name -> made.computeIfAbsent(name, host.get()::logger);
    }
}
