package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The access log as Jetty writes it: a missing Referer or User-Agent reads "-", as log tools expect. */
class AccessLogTest {

    @Test
    void aMissingRefererIsADashAndAPresentOneIsKept() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  org.eclipse.jetty.util.Callback callback) {
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
        });
        server.setRequestLog(AccessLog.to(lines::add));
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/a.jpg");
            client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
            client.send(HttpRequest.newBuilder(uri).header("Referer", "https://example.com/page").build(),
                    HttpResponse.BodyHandlers.discarding());
        } finally {
            server.stop(); // writes what is pending
        }
        // The JDK client may send a request again on a fresh connection, so count lines by what they say.
        assertThat(lines.get(0)).contains("\"GET /a.jpg HTTP/1.1\" 204 0 \"-\" \"Java-http-client/");
        assertThat(lines.subList(1, lines.size())).isNotEmpty().allSatisfy(line -> assertThat(line)
                .contains("\"GET /a.jpg HTTP/1.1\" 204 0 \"https://example.com/page\" \"Java-http-client/"));
    }

    @Test
    void emptyQuotedFieldsAtTheEndAreDashesToo() {
        assertThat(AccessLog.withDashes("1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 5 \"\" \"\""))
                .isEqualTo("1.2.3.4 - - [t] \"GET / HTTP/1.1\" 200 5 \"-\" \"-\"");
    }
}
