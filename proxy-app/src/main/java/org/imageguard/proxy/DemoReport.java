package org.imageguard.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.imageguard.config.PathResolver;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteReport;

/**
 * The demo gallery's report, in demo mode only: what the engine removes from and adds to one demo image under the
 * policy in force, as JSON for the page's script. Everything else goes on to the public handler.
 *
 * <pre>{@code
 * GET /_imageguard/report?path=/images/harbour.jpg
 * {"path":"/images/harbour.jpg","format":"JPEG","width":320,"height":240,"outcome":"rewritten",
 *  "removed":["EXIF GPS (7 tags)", ...],"added":["XMP plus:DataMining", ...],"bytesBefore":...,"bytesAfter":...}
 * }</pre>
 * Only files of the demo site can be named; the answer is never cached ({@code no-store}), since it follows reloads.
 */
final class DemoReport extends Handler.Wrapper {

    static final String PATH = "/_imageguard/report";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigReloader configs;
    private final SiteRoot root;
    private final ImageGuardEngine engine = new ImageGuardEngine();

    DemoReport(Handler next, ConfigReloader configs, SiteRoot root) {
        super(next);
        this.configs = configs;
        this.root = root;
    }

    /** The report runs the engine on the calling thread: never on the thread that read the request. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(request.getHttpURI().getPath())) {
            return super.handle(request, response, callback);
        }
        String path = Request.extractQueryParameters(request).getValue("path");
        Optional<byte[]> image = path == null ? Optional.empty() : read(path);
        if (image.isEmpty()) {
            PublicHandler.writeText(response, callback, 404, "no such demo image");
            return true;
        }
        Policy policy = PathResolver.of(configs.get()).resolve(path).policy();
        try {
            RewriteReport report = engine.rewrite(image.get(), policy).report();
            byte[] body = json(path, report);
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        } catch (ImageFormatException e) {
            PublicHandler.writeText(response, callback, 422, "not an image the engine can read: " + e.getMessage());
        }
        return true;
    }

    private Optional<byte[]> read(String path) throws IOException {
        Optional<List<String>> segments = SafePath.segments(path);
        if (segments.isEmpty() || !(root.find(segments.get(), false) instanceof SiteRoot.Found found)) {
            return Optional.empty();
        }
        try (InputStream in = found.file().opener().open()) {
            return Optional.of(in.readAllBytes());
        }
    }

    private static byte[] json(String path, RewriteReport report) throws JsonProcessingException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", path);
        fields.put("format", report.format().name());
        fields.put("width", report.width());
        fields.put("height", report.height());
        fields.put("outcome", report.outcome());
        fields.put("removed", report.removed());
        fields.put("added", report.added());
        fields.put("bytesBefore", report.bytesBefore());
        fields.put("bytesAfter", report.bytesAfter());
        return JSON.writeValueAsBytes(fields);
    }
}
