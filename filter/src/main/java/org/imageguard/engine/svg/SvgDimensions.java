package org.imageguard.engine.svg;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The size of an SVG in whole pixels, for reports: the {@code width}/{@code height} attributes of the root when they
 * are integral (unitless or {@code px}), else the size of the {@code viewBox} when integral, else 0 (percentages,
 * {@code em}, fractions: a vector image has no pixel size of its own).
 *
 * <pre>{@code
 * SvgDimensions size = SvgDimensions.of(XmlAttributes.of("<svg width=\"16\" viewBox=\"0 0 32 24\">")); // 16 x 24
 * }</pre>
 */
record SvgDimensions(int width, int height) {

    static SvgDimensions of(XmlAttributes root) {
        String[] viewBox = root.value("viewBox").map(v -> v.strip().split("[\\s,]+")).orElse(new String[0]);
        int boxWidth = viewBox.length == 4 ? integral(viewBox[2]) : 0;
        int boxHeight = viewBox.length == 4 ? integral(viewBox[3]) : 0;
        return new SvgDimensions(attributeOr(root.value("width"), boxWidth),
                attributeOr(root.value("height"), boxHeight));
    }

    private static int attributeOr(Optional<String> attribute, int fallback) {
        int value = attribute.map(v -> v.strip().endsWith("px") ? v.strip().substring(0, v.strip().length() - 2) : v)
                .map(SvgDimensions::integral).orElse(0);
        return value > 0 ? value : fallback;
    }

    /** A positive whole number ("16", "16.0"), or 0. */
    private static int integral(String number) {
        try {
            BigDecimal value = new BigDecimal(number.strip());
            if (value.signum() <= 0 || value.stripTrailingZeros().scale() > 0
                    || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                return 0;
            }
            return value.intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return 0;
        }
    }
}
