package org.imageguard.proxy;

import org.imageguard.config.ConfigSummary;
import org.imageguard.config.ImageGuardConfig;

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
                + ConfigSummary.of(config);
    }

    /** The jar's version; a build run from classes has none. */
    static String version() {
        String version = StartupLine.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}
