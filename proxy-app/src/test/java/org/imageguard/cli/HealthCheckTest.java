package org.imageguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.imageguard.config.ConfigLoader;
import org.imageguard.proxy.ImageGuardServer;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

    @Test
    void exitsZeroWhenTheProxyIsHealthy() throws Exception {
        int admin = freePort();
        try (ImageGuardServer server = ImageGuardServer.create(
                ConfigLoader.load("server: { port: 0, admin-port: " + admin + " }\n", "test.yaml"))) {
            server.start();
            assertThat(HealthCheck.check(server.adminUrl() + "/healthz")).isZero();
            assertThat(HealthCheck.check(server.adminUrl() + "/nothing")).as("404 is unhealthy").isEqualTo(1);
        }
    }

    @Test
    void exitsOneWhenNothingAnswers() throws IOException {
        assertThat(HealthCheck.check("http://127.0.0.1:" + freePort() + "/healthz")).isEqualTo(1);
        assertThat(HealthCheck.check("not a url")).isEqualTo(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
