package org.imageguard.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An origin that misbehaves on purpose, which a well-mannered server (WireMock) cannot: each connection reads one
 * request head and hands the raw socket to a {@link Script} that writes whatever bytes, lengths and pauses it likes,
 * then closes it. Ports from 0; {@link #close()} stops everything, including scripts still paused.
 *
 * <pre>{@code
 * try (ScriptedOrigin origin = ScriptedOrigin.start((head, socket) ->
 *         socket.getOutputStream().write(ascii("HTTP/1.1 200 OK\r\n...")))) {
 *     String upstream = origin.url();
 * }
 * }</pre>
 */
final class ScriptedOrigin implements AutoCloseable {

    /** What the origin does with one connection. */
    interface Script {
        void run(String requestHead, Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private ScriptedOrigin(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(() -> accept(script));
    }

    static ScriptedOrigin start(Script script) throws IOException {
        return new ScriptedOrigin(script);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The request heads received, in order. */
    List<String> requests() {
        return requests;
    }

    private void accept(Script script) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.execute(() -> serve(socket, script));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket, Script script) {
        try (socket) {
            String head = readHead(socket.getInputStream());
            requests.add(head);
            script.run(head, socket);
            socket.getOutputStream().flush();
        } catch (Exception e) {
            // The proxy hung up or the test closed the origin: either is part of the script.
        } finally {
            open.remove(socket);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
