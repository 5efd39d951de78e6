package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imageguard.proxy.ProxyFixtures.text;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import org.imageguard.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminPortTest {

    private ImageGuardServer proxy;

    @BeforeEach
    void start() throws Exception {
        int admin = ProxyFixtures.closedPort(); // 0 would disable the admin port, so pick a free one
        proxy = ImageGuardServer.create(ConfigLoader.load("server: { port: 0, admin-port: " + admin + " }\n",
                "test.yaml"));
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.stop();
    }

    @Test
    void healthzSaysOkWhileServing() throws Exception {
        HttpResponse<byte[]> health = ProxyFixtures.get(proxy.adminUrl() + "/healthz");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(text(health)).isEqualTo("ok\n");
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        ProxyFixtures.get(proxy.publicUrl() + "/"); // one demo page, not an image: counted as pass

        HttpResponse<byte[]> metrics = ProxyFixtures.get(proxy.adminUrl() + "/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(text(metrics)).contains("jvm_memory_used_bytes{")
                .contains("imageguard_requests_total{outcome=\"pass\",reason=\"none\"} 1.0")
                .contains("imageguard_requests_total{outcome=\"hit\",reason=\"none\"} 0.0")
                .contains("imageguard_cache_hits_total").contains("imageguard_cache_size_bytes")
                .contains("imageguard_rewrite_seconds_bucket").contains("imageguard_bytes_saved_bytes_total")
                .contains("imageguard_hotlink_denials_total").contains("jetty_threads_busy")
                .contains("jetty_connections_open").contains("process_uptime_seconds");
    }

    @Test
    void theAdminPortServesNothingElse() throws Exception {
        assertThat(ProxyFixtures.get(proxy.adminUrl() + "/").statusCode()).isEqualTo(404);
        assertThat(ProxyFixtures.get(proxy.adminUrl() + "/images/harbour.jpg").statusCode()).isEqualTo(404);
    }

    @Test
    void thePublicPortNeverServesTheAdminPaths() throws Exception {
        HttpResponse<byte[]> metrics = ProxyFixtures.get(proxy.publicUrl() + "/metrics");
        HttpResponse<byte[]> health = ProxyFixtures.get(proxy.publicUrl() + "/healthz");

        assertThat(metrics.statusCode()).isEqualTo(404);
        assertThat(text(metrics)).doesNotContain("jvm_");
        assertThat(health.statusCode()).isEqualTo(404);
    }

    @Test
    void byDefaultTheAdminPortAnswersOnlyOnTheLoopbackAddressItIsBoundTo() {
        // 127.0.0.2 is another address of the loopback interface: a listener on 127.0.0.1 does not accept there.
        assertThatThrownBy(() -> ProxyFixtures.get("http://127.0.0.2:" + proxy.adminPort() + "/healthz"))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void adminHostOpensHealthzAndMetricsToOtherAddresses() throws Exception {
        int admin = ProxyFixtures.closedPort();
        try (ImageGuardServer open = ImageGuardServer.create(ConfigLoader.load(
                "server: { port: 0, admin-port: " + admin + ", admin-host: 0.0.0.0 }\n", "test.yaml"))) {
            open.start();
            String other = "http://127.0.0.2:" + open.adminPort();
            assertThat(ProxyFixtures.get(other + "/healthz").statusCode()).isEqualTo(200);
            assertThat(text(ProxyFixtures.get(other + "/metrics"))).contains("imageguard_requests_total");
            assertThat(open.adminUrl()).isEqualTo("http://0.0.0.0:" + admin);
        }
    }

    @Test
    void adminPortZeroDisablesIt() throws Exception {
        try (ImageGuardServer withoutAdmin = ImageGuardServer.create(ProxyFixtures.config(""))) {
            withoutAdmin.start();
            assertThat(withoutAdmin.adminPort()).isZero();
        }
    }
}
