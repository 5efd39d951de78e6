package org.imageguard.config;

import java.util.Objects;

/**
 * The HTTP signals sent with every image response (docs/http.md lists them). An empty string disables a header.
 *
 * @param xRobotsTag     value of {@code X-Robots-Tag}, e.g. {@code noai, noimageai}
 * @param tdmReservation send {@code tdm-reservation: 1}
 * @param tdmPolicy      absolute URL sent as {@code tdm-policy} (only with {@code tdmReservation})
 * @param contentUsage   value of {@code Content-Usage}, e.g. {@code train-ai=n}
 * @param noTransform    append {@code no-transform} to {@code Cache-Control}
 */
public record HeaderSettings(String xRobotsTag, boolean tdmReservation, String tdmPolicy, String contentUsage,
                             boolean noTransform) {

    public static final HeaderSettings DEFAULTS = new HeaderSettings("noai, noimageai", true, "", "train-ai=n", true);

    public HeaderSettings {
        Objects.requireNonNull(xRobotsTag, "xRobotsTag");
        Objects.requireNonNull(tdmPolicy, "tdmPolicy");
        Objects.requireNonNull(contentUsage, "contentUsage");
    }
}
