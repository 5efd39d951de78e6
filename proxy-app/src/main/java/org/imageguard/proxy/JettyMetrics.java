package org.imageguard.proxy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.eclipse.jetty.io.ConnectionStatistics;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12's thread pool, public connector and request statistics as meters. Micrometer's own Jetty binders are
 * written against Jetty 9–11 APIs, hence this small one.
 *
 * <pre>{@code
 * new JettyMetrics(threadPool, connectionStatistics, statisticsHandler).bindTo(registry);
 * }</pre>
 */
final class JettyMetrics implements MeterBinder {

    private final QueuedThreadPool threads;
    private final ConnectionStatistics connections;
    private final StatisticsHandler requests;

    JettyMetrics(QueuedThreadPool threads, ConnectionStatistics connections, StatisticsHandler requests) {
        this.threads = threads;
        this.connections = connections;
        this.requests = requests;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("jetty.threads.current", threads, QueuedThreadPool::getThreads).register(registry);
        Gauge.builder("jetty.threads.busy", threads, QueuedThreadPool::getBusyThreads).register(registry);
        Gauge.builder("jetty.threads.idle", threads, QueuedThreadPool::getIdleThreads).register(registry);
        Gauge.builder("jetty.threads.queued", threads, QueuedThreadPool::getQueueSize)
                .description("Jobs waiting for a thread").register(registry);
        Gauge.builder("jetty.connections.open", connections, ConnectionStatistics::getConnections)
                .register(registry);
        FunctionCounter.builder("jetty.connections.received", connections, ConnectionStatistics::getReceivedBytes)
                .baseUnit("bytes").register(registry);
        FunctionCounter.builder("jetty.connections.sent", connections, ConnectionStatistics::getSentBytes)
                .baseUnit("bytes").register(registry);
        Gauge.builder("jetty.requests.active", requests, StatisticsHandler::getRequestsActive).register(registry);
        FunctionCounter.builder("jetty.requests", requests, StatisticsHandler::getRequestTotal).register(registry);
        FunctionCounter.builder("jetty.responses", requests, StatisticsHandler::getResponses5xx)
                .tag("status", "5xx").register(registry);
        FunctionCounter.builder("jetty.responses", requests, StatisticsHandler::getResponses4xx)
                .tag("status", "4xx").register(registry);
    }
}
