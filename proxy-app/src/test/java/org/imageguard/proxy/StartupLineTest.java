package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.imageguard.config.ImageGuardConfig;
import org.junit.jupiter.api.Test;

class StartupLineTest {

    @Test
    void namesModeOriginPortsAndPolicyOnOneLine() {
        String line = StartupLine.of("0.1.0", "demo", "http://127.0.0.1:8080", "http://127.0.0.1:8081",
                ImageGuardConfig.DEFAULTS);

        assertThat(line).isEqualTo("ImageGuard 0.1.0 serving demo on http://127.0.0.1:8080 (admin "
                + "http://127.0.0.1:8081) · data-mining DMI-PROHIBITED · strip privacy · hotlink off · ai-crawlers block");
    }

    @Test
    void saysWhenTheAdminPortIsOffAndCountsPathRules() {
        ImageGuardConfig config = ProxyFixtures.config("hotlink: { enabled: true }\n"
                + "paths:\n  - match: /thumbs/**\n    optimize: { mode: none }\n");

        String line = StartupLine.of("0.1.0", "/var/www", "http://0.0.0.0:80", null, config);

        assertThat(line).contains("(admin off)").contains("hotlink forbid").endsWith(" · 1 path rules");
    }
}
