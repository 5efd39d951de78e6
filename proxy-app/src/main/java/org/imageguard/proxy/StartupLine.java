package org.imageguard.proxy;

import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.Policy;

/**
 * The one line logged at start-up, e.g. {@code ImageGuard 0.1.0 serving demo on http://127.0.0.1:8080 (admin
 * http://127.0.0.1:8081) · data-mining DMI-PROHIBITED · strip privacy · hotlink off · ai-crawlers block}.
 */
final class StartupLine {

    private StartupLine() {
    }

    static String of(String version, String origin, String publicUrl, String adminUrl, ImageGuardConfig config) {
        String admin = adminUrl == null ? "admin off" : "admin " + adminUrl;
        return "ImageGuard " + version + " serving " + origin + " on " + publicUrl + " (" + admin + ") · "
                + policySummary(config);
    }

    static String policySummary(ImageGuardConfig config) {
        Policy policy = config.policy();
        String summary = "data-mining " + policy.protection().dataMining().code()
                + " · strip " + policy.protection().strip().yamlName()
                + " · hotlink " + (policy.hotlink().enabled() ? policy.hotlink().action().yamlName() : "off")
                + " · ai-crawlers " + policy.aiCrawlers().action().yamlName();
        return config.paths().isEmpty() ? summary : summary + " · " + config.paths().size() + " path rules";
    }

    /** The jar's version; a build run from classes has none. */
    static String version() {
        String version = StartupLine.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
