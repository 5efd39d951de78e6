package org.imageguard.bench;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty 12 set-up shared by the HTTP benchmark servers ({@code tests/bench/run-wrk.sh}): one connector on
 * 127.0.0.1 with the proxy's HTTP settings (no {@code Server} header, no {@code Date} header) and a default
 * {@link QueuedThreadPool}, as {@code ImageGuardServer} builds it on Java 17, so that the servers differ only in their
 * handler.
 *
 * <pre>{@code
 * BenchJetty.serve(port, handler);   // starts, prints "ready on 127.0.0.1:PORT", blocks until killed
 * }</pre>
 */
final class BenchJetty {

    private BenchJetty() {
    }

    /** Starts {@code handler} on 127.0.0.1:{@code port} and blocks until the process is stopped. */
    static void serve(int port, Handler handler) throws Exception {
        Server server = new Server(new QueuedThreadPool());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("ready on 127.0.0.1:" + connector.getLocalPort());
        server.join();
    }

    /** The port argument, with a usage message instead of a stack trace when it is missing or wrong. */
    static int port(String[] args, String usage) {
        try {
            return Integer.parseInt(args[0]);
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("usage: " + usage, e);
        }
    }
}
