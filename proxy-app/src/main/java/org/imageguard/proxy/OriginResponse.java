package org.imageguard.proxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An origin's status and headers, and its body as a stream that the proxy reads at most once and closes. */
record OriginResponse(OriginHead head, InputStream body) implements AutoCloseable {

    /** A short plain-text answer, as a web server gives for 404 or 405. */
    static OriginResponse text(int status, String message, Map<String, List<String>> extraHeaders) {
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(extraHeaders);
        headers.put("Content-Type", List.of("text/plain; charset=utf-8"));
        headers.put("Content-Length", List.of(Integer.toString(bytes.length)));
        return new OriginResponse(new OriginHead(status, headers), new ByteArrayInputStream(bytes));
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
