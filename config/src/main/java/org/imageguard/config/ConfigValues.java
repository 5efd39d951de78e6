package org.imageguard.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value syntaxes of the configuration language, shared by the YAML loader, {@link ConfigPrinter} and the command
 * line flags. Each parser throws {@link IllegalArgumentException} whose message says what was expected and what was
 * found; callers prefix the key and the position.
 *
 * <pre>{@code
 * ConfigValues.parseDuration("500ms");  // PT0.5S
 * ConfigValues.parseSize("256MB");      // DataSize[bytes=268435456]
 * ConfigValues.parsePixels("12.5M");    // 12500000
 * ConfigValues.parsePercent("5%");      // 5.0
 * }</pre>
 */
public final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})(B|KB?|MB?|GB?|TB?)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern PIXELS = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,6})?)([KMG]?)");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,6})?)%");

    private ConfigValues() {
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(expected("a duration like 500ms, 10s, 5m or 1h", text));
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** The exact, shortest form {@link #parseDuration} reads back: {@code 500ms}, {@code 60s}, {@code 2h}. */
    public static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        return seconds != 0 && seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds + "s";
    }

    /**
     * {@code 512KB}, {@code 256MB}, {@code 1GB}, or a plain byte count; binary units, case-insensitive. The B may be
     * left out ({@code 32M}, as {@code max-pixels: 50M} is written), still binary: a size is never decimal.
     */
    public static DataSize parseSize(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(expected("a size like 512KB, 256MB, 1GB or a number of bytes", text));
        }
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        int shift = switch (unit) {
            case "KB", "K" -> 10;
            case "MB", "M" -> 20;
            case "GB", "G" -> 30;
            case "TB", "T" -> 40;
            default -> 0;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
        return DataSize.ofBytes(bytes.longValueExact());
    }

    /** {@code 50M}, {@code 1000000}, {@code 12.5M}, {@code 800K}: decimal multipliers, a whole number of pixels. */
    public static long parsePixels(String text) {
        Matcher m = PIXELS.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(expected("a pixel count like 50M, 800K or 1000000", text));
        }
        int exponent = switch (m.group(2)) {
            case "K" -> 3;
            case "M" -> 6;
            case "G" -> 9;
            default -> 0;
        };
        BigDecimal pixels = new BigDecimal(m.group(1)).scaleByPowerOfTen(exponent).stripTrailingZeros();
        if (pixels.scale() > 0) {
            throw new IllegalArgumentException("pixel count '" + text + "' is not a whole number of pixels");
        }
        if (pixels.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("pixel count '" + text + "' is too large");
        }
        return pixels.longValueExact();
    }

    /** {@code 50M} for 50000000, {@code 800K}, else the plain number. */
    public static String formatPixels(long pixels) {
        if (pixels != 0 && pixels % 1_000_000_000L == 0) {
            return pixels / 1_000_000_000L + "G";
        }
        if (pixels != 0 && pixels % 1_000_000 == 0) {
            return pixels / 1_000_000 + "M";
        }
        if (pixels != 0 && pixels % 1000 == 0) {
            return pixels / 1000 + "K";
        }
        return Long.toString(pixels);
    }

    /** {@code 5%}, {@code 2.5%}: 0..100. */
    public static double parsePercent(String text) {
        Matcher m = PERCENT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(expected("a percentage like 5%", text));
        }
        double percent = Double.parseDouble(m.group(1));
        if (percent > 100) {
            throw new IllegalArgumentException(expected("a percentage between 0% and 100%", text));
        }
        return percent;
    }

    /** {@code auto} or a whole number from 1 to 100 ({@code optimize.jpeg-quality}); auto is 0. */
    public static int parseQuality(String text) {
        if (text.equals("auto")) {
            return OptimizeSettings.AUTO_QUALITY;
        }
        String range = "a whole number from 1 to 100, or auto";
        try {
            int quality = Integer.parseInt(text);
            if (quality < 1 || quality > 100) {
                throw new IllegalArgumentException(expected(range, text));
            }
            return quality;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(expected(range, text), e);
        }
    }

    /** {@code 5%}, {@code 2.5%}. */
    public static String formatPercent(double percent) {
        return formatNumber(percent) + "%";
    }

    /** A decimal without exponent or trailing zeros: {@code 0.35}, {@code 1}. */
    public static String formatNumber(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** An absolute {@code http} or {@code https} URL with a host, e.g. {@code https://example.com/terms}. */
    public static URI parseHttpUrl(String text) {
        String expectation = "an absolute http(s) URL like https://example.com/terms";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(expected(expectation, text), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(expected(expectation, text));
        }
        return uri;
    }

    /** Rejects control characters (below U+0020, and U+007F): they would break headers and XMP. */
    public static String requireText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException(
                        String.format(Locale.ROOT, "control character U+%04X is not allowed in '%s'", (int) c,
                                printable(text)));
            }
        }
        return text;
    }

    static String expected(String what, String found) {
        return "expected " + what + ", found '" + printable(found) + "'";
    }

    /** The value as it may be quoted in a message: control characters escaped, long values cut. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < text.length() && out.length() < 80; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < text.length() ? out + "..." : out.toString();
    }
}
