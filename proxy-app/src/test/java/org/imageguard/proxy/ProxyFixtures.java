package org.imageguard.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imageguard.config.ConfigLoader;
import org.imageguard.config.ImageGuardConfig;

/** Shared by the proxy tests: configurations from YAML, free ports, and HTTP clients polite and hostile. */
final class ProxyFixtures {

    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final Pattern CONTENT_LENGTH =
            Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    private static final Pattern DATA_MINING =
            Pattern.compile("DataMining[^<]{0,80}?vocab/(DMI-[A-Z-]+)");

    private ProxyFixtures() {
    }

    /** A configuration on a free public port with the admin port off, plus {@code yaml}. */
    static ImageGuardConfig config(String yaml) {
        return ConfigLoader.load("server: { port: 0, admin-port: 0 }\n" + yaml, "test.yaml");
    }

    /** A port nothing listens on (bound, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    static HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code head} (request line and headers, CRLF-separated, without the final empty line) over a raw socket
     * with {@code Connection: close}, and returns the answer as ISO-8859-1 text: its head, then Content-Length bytes
     * of body (none for HEAD, 1xx, 204, 304), or everything up to the close.
     */
    static String raw(int port, String head) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            while (!answer.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return answer.toString(StandardCharsets.ISO_8859_1);
                }
                answer.write(b);
            }
            String responseHead = answer.toString(StandardCharsets.ISO_8859_1);
            int status = status(responseHead);
            if (head.startsWith("HEAD ") || status < 200 || status == 204 || status == 304) {
                return responseHead;
            }
            Matcher length = CONTENT_LENGTH.matcher(responseHead);
            if (length.find()) {
                answer.write(in.readNBytes(Integer.parseInt(length.group(1))));
            } else {
                in.transferTo(answer);
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Asks for {@code path} over a raw socket with a small receive buffer, reads the status line's first bytes (so
     * the proxy is known to be writing the answer, expected 200), and then reads nothing more: a client that stopped
     * reading. The caller closes the socket.
     */
    static Socket stalledAfterTheHead(int port, String path) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
        if (!head.equals("HTTP/1.1 200")) {
            socket.close();
            throw new IllegalStateException("expected HTTP/1.1 200, got " + head);
        }
        return socket;
    }

    /**
     * The rest of a {@link #stalledAfterTheHead} answer: reads its head through the empty line, then the body to its
     * Content-Length; returns the body bytes read (fewer if the connection was cut), or -1 if the head was cut.
     */
    static long restOfBody(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            head.write(b);
        }
        Matcher length = CONTENT_LENGTH.matcher(head.toString(StandardCharsets.ISO_8859_1));
        if (!length.find()) {
            throw new IllegalStateException("no Content-Length in " + head.toString(StandardCharsets.ISO_8859_1));
        }
        long expected = Long.parseLong(length.group(1));
        long read = 0;
        byte[] buffer = new byte[64 * 1024];
        while (read < expected) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, expected - read));
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }

    /** The filter's 16x12 JPEG with GPS, a serial number and a thumbnail (from its test-jar). */
    static byte[] gpsJpeg() throws IOException {
        try (InputStream in = ProxyFixtures.class.getResourceAsStream("/jpeg/baseline-exif.jpg")) {
            if (in == null) {
                throw new IllegalStateException("the filter's test-jar is not on the class path");
            }
            return in.readAllBytes();
        }
    }

    /** The PLUS DataMining code an image's XMP carries, e.g. {@code DMI-PROHIBITED}, or null. */
    static String dataMiningCode(byte[] image) {
        Matcher code = DATA_MINING.matcher(new String(image, StandardCharsets.ISO_8859_1));
        return code.find() ? code.group(1) : null;
    }

    /** The status code of a raw answer. */
    static int status(String rawAnswer) {
        return Integer.parseInt(rawAnswer.substring(9, 12));
    }
}
