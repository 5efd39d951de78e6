package org.imageguard.filter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;

import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.imageguard.testing.ExternalTool;

/** The web site the end-to-end filter tests serve, the Jetty that serves it, and exiftool to look at the results. */
final class TestSites {

    /** A 16x12 JPEG with GPS, a serial number, Orientation 6 and a thumbnail (see jpeg/make-fixtures.sh). */
    static final String GPS_JPEG = "/jpeg/baseline-exif.jpg";

    private TestSites() {
    }

    /** {@code img/photo.jpg} (the GPS fixture) and {@code index.html}. */
    static void writeSite(Path root) throws IOException {
        Files.createDirectories(root.resolve("img"));
        Files.write(root.resolve("img/photo.jpg"), resource(GPS_JPEG));
        Files.writeString(root.resolve("index.html"), "<!doctype html><title>site</title><img src=img/photo.jpg>\n");
    }

    static byte[] resource(String name) {
        try (InputStream in = TestSites.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jetty 12 on 127.0.0.1 and a free port, DefaultServlet serving {@code root} behind the filters, in order. */
    static Server jetty(Path root, FilterHolder... filters) throws Exception {
        return jetty(root, Map.of(), filters);
    }

    /** The same, with ServletContext attributes set before the filters start (an application's registry...). */
    static Server jetty(Path root, Map<String, Object> attributes, FilterHolder... filters) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.setBaseResourceAsPath(root);
        attributes.forEach(context::setAttribute);
        context.addServlet(DefaultServlet.class, "/");
        for (FilterHolder filter : filters) {
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        server.start();
        return server;
    }

    static URI uri(Server server) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/");
    }

    /** exiftool's output for an image given on stdin, e.g. {@code exiftool(bytes, "-gps:all")}. */
    static String exiftool(byte[] image, String... options) {
        List<String> command = new ArrayList<>(List.of("exiftool"));
        command.addAll(List.of(options));
        command.add("-");
        return new String(ExternalTool.runOk(command, image), StandardCharsets.UTF_8);
    }
}
