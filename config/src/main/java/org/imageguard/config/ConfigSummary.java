package org.imageguard.config;

/**
 * The policy in a few words, for start-up lines: {@code data-mining DMI-PROHIBITED · strip privacy · hotlink off ·
 * ai-crawlers block}, plus the number of path rules when there are any. The proxy and the filter log the same words.
 */
public final class ConfigSummary {

    private ConfigSummary() {
    }

    public static String of(ImageGuardConfig config) {
        Policy policy = config.policy();
        String summary = "data-mining " + policy.protection().dataMining().code()
                + " · strip " + policy.protection().strip().yamlName()
                + " · hotlink " + (policy.hotlink().enabled() ? policy.hotlink().action().yamlName() : "off")
                + " · ai-crawlers " + policy.aiCrawlers().action().yamlName();
        return config.paths().isEmpty() ? summary : summary + " · " + config.paths().size() + " path rules";
    }
}
