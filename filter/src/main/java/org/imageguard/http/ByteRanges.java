package org.imageguard.http;

/**
 * The {@code Range} header of a GET (RFC 9110 §14), for one range of bytes. Several ranges are answered with the
 * whole representation (allowed by §14.2, and simpler than multipart/byteranges); a malformed header is ignored.
 *
 * <pre>{@code
 * ByteRanges.parse("bytes=0-99", 1000);  // Partial[first=0, last=99]
 * ByteRanges.parse("bytes=2000-", 1000); // Unsatisfiable
 * }</pre>
 */
public final class ByteRanges {

    /** What the Range header asks for. */
    public sealed interface Outcome permits Whole, Partial, Unsatisfiable {
    }

    /** Serve everything with 200: no Range, several ranges, or one we do not understand. */
    public record Whole() implements Outcome {
    }

    /** Serve bytes {@code first..last} inclusive with 206. */
    public record Partial(long first, long last) implements Outcome {
        public long length() {
            return last - first + 1;
        }
    }

    /** Answer 416 with {@code Content-Range: bytes *}{@code /total}. */
    public record Unsatisfiable() implements Outcome {
    }

    private static final Whole WHOLE = new Whole();

    private ByteRanges() {
    }

    public static Outcome parse(String range, long total) {
        if (range == null || range.isBlank()) {
            return WHOLE;
        }
        String value = range.trim();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).trim().equalsIgnoreCase("bytes")) {
            return WHOLE;
        }
        String spec = value.substring(eq + 1).trim();
        if (spec.contains(",")) {
            return WHOLE;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        if (from.isEmpty()) {
            return suffix(to, total);
        }
        long first = digits(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : digits(to);
        if (first < 0 || last < 0 || last < first) {
            return WHOLE;
        }
        if (first >= total) {
            return new Unsatisfiable();
        }
        return new Partial(first, Math.min(last, total - 1));
    }

    /** {@code bytes=-n}: the last n bytes. */
    private static Outcome suffix(String count, long total) {
        long n = digits(count);
        if (n < 0) {
            return WHOLE;
        }
        if (n == 0 || total == 0) {
            return new Unsatisfiable();
        }
        return new Partial(Math.max(0, total - n), total - 1);
    }

    /** A non-negative decimal, saturating at Long.MAX_VALUE; -1 when not all digits. */
    private static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
        }
        return value;
    }
}
