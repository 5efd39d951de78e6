package org.imageguard.bench;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The baseline of the cache-hit benchmark (BENCHMARKS.md): a bare Jetty 12 core handler answering every request with
 * one byte array held in memory, with {@code Content-Type} and {@code Content-Length} and nothing else. Given the bytes
 * the proxy serves for an image (its rewritten copy), it sends the same body as an ImageGuard cache hit, so the
 * difference between the two is the proxy's per-request work.
 *
 * <pre>{@code
 * java -cp <tests test classpath> org.imageguard.bench.BareJettyServer 8081 rewritten.jpg image/jpeg
 * }</pre>
 */
public final class BareJettyServer extends Handler.Abstract {

    private static final String USAGE = "BareJettyServer PORT FILE CONTENT-TYPE";

    private final byte[] body;
    private final String contentType;

    BareJettyServer(byte[] body, String contentType) {
        this.body = body;
        this.contentType = contentType;
    }

    public static void main(String[] args) throws Exception {
        int port = BenchJetty.port(args, USAGE);
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: " + USAGE);
        }
        BenchJetty.serve(port, new BareJettyServer(Files.readAllBytes(Path.of(args[1])), args[2]));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        // A read-only view per request: the array itself is shared by every response, never copied.
        response.write(true, ByteBuffer.wrap(body).asReadOnlyBuffer(), callback);
        return true;
    }
}
