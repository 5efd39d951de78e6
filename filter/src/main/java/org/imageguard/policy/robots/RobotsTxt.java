package org.imageguard.policy.robots;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imageguard.config.AiCrawlerSettings;
import org.imageguard.config.RobotsTxtMode;
import org.imageguard.policy.crawlers.AiCrawlerList;

/**
 * The {@code /robots.txt} ImageGuard serves: the origin's file with our group appended ({@code augment}), or ours
 * alone ({@code replace}, or when the origin has none). Our group is built once:
 *
 * <pre>
 * # Added by ImageGuard: AI training crawlers (list 2026.11.26-1)
 * User-agent: AI2Bot
 * User-agent: GPTBot
 * ...
 * Disallow: /
 * Content-Usage: train-ai=n
 * Content-signal: search=yes, ai-train=no
 * </pre>
 *
 * One group with every User-agent line: RFC 9309 lets consecutive User-agent lines share the rules that follow, so
 * each crawler reads {@code Disallow: /}; parsers ignore the two lines they do not know (IETF aipref and Cloudflare
 * Content Signals read them). Robots-only tokens such as {@code Google-Extended} are included; carved-out ones are not.
 *
 * <pre>{@code
 * RobotsTxt robots = RobotsTxt.of(settings, AiCrawlerList.builtIn()); // once
 * Optional<byte[]> body = robots.respond(originBodyOrNull);          // empty: pass the origin's response through
 * }</pre>
 *
 * The origin's bytes are kept as they are (any charset: they are handled as ISO-8859-1, one char per byte, and our
 * lines are ASCII); only a UTF-8 BOM is dropped. Our lines use the origin's line ending. Crawlers read the first
 * 500 KiB only (RFC 9309 section 2.5), so an origin file that would push our group past that is cut at a line end
 * to make room: what is cut was beyond the limit anyway, minus the size of our group.
 */
public final class RobotsTxt {

    /** RFC 9309: crawlers must parse at least 500 KiB and may ignore the rest. */
    public static final int MAX_BYTES = 500 * 1024;

    private static final String MARKER = "# Added by ImageGuard";
    private static final String CONTENT_USAGE = "Content-Usage: train-ai=n";
    private static final String CONTENT_SIGNAL = "Content-signal: search=yes, ai-train=no";
    private static final Pattern USER_AGENT_LINE = Pattern.compile("(?i)\\s*user-agent\\s*:.*");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final RobotsTxtMode mode;
    private final List<String> lines;  // our group, without line endings; empty when no crawler is listed
    private final Map<String, String> groupByEol;
    private final byte[] standalone;

    RobotsTxt(RobotsTxtMode mode, AiCrawlerList crawlers) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.lines = group(crawlers);
        this.groupByEol = Map.of(
                "\n", joined(lines, "\n"), "\r\n", joined(lines, "\r\n"), "\r", joined(lines, "\r"));
        this.standalone = standalone(lines);
    }

    /** Our robots.txt for these settings; {@code builtIn} is the list before extras and carve-outs. */
    public static RobotsTxt of(AiCrawlerSettings settings, AiCrawlerList builtIn) {
        return new RobotsTxt(settings.robotsTxt(), builtIn.configured(settings));
    }

    /**
     * The body to serve for {@code /robots.txt}.
     *
     * @param origin the origin's robots.txt, or {@code null} when it has none (any non-200 answer)
     * @return empty when {@code robots-txt: off}: serve whatever the origin answered
     */
    public Optional<byte[]> respond(byte[] origin) {
        return switch (mode) {
            case OFF -> Optional.empty();
            case REPLACE -> Optional.of(standalone.clone());
            case AUGMENT -> Optional.of(origin == null ? standalone.clone() : augment(origin));
        };
    }

    /** The Content-Type for our standalone file (an augmented one keeps the origin's). */
    public static String contentType() {
        return "text/plain; charset=utf-8";
    }

    byte[] augment(byte[] origin) {
        if (lines.isEmpty()) {
            return origin.clone();
        }
        String text = new String(withoutBom(origin), StandardCharsets.ISO_8859_1);
        String eol = text.contains("\r\n") ? "\r\n" : text.indexOf('\r') >= 0 && text.indexOf('\n') < 0 ? "\r" : "\n";
        String ours = groupByEol.get(eol);
        // Room for: an end of line, a "Disallow:" closing a dangling group, the blank line, our group.
        text = truncated(text, MAX_BYTES - ours.length() - 3 * eol.length() - "Disallow:".length());
        StringBuilder out = new StringBuilder(text.length() + ours.length() + 16).append(text);
        if (!text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r")) {
            out.append(eol);
        }
        if (endsWithUserAgentLine(text)) {
            // A group whose User-agent lines have no rules yet would take our User-agent lines into it, and with
            // them "Disallow: /". An empty Disallow closes it without changing what it allows.
            out.append("Disallow:").append(eol);
        }
        if (!text.isEmpty()) {
            out.append(eol);
        }
        return out.append(ours).toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] withoutBom(byte[] bytes) {
        boolean bom = bytes.length >= 3 && Arrays.equals(bytes, 0, 3, UTF8_BOM, 0, 3);
        return bom ? Arrays.copyOfRange(bytes, 3, bytes.length) : bytes;
    }

    private static String truncated(String text, int budget) {
        if (text.length() <= budget) {
            return text;
        }
        int cut = Math.max(text.lastIndexOf('\n', budget - 1), text.lastIndexOf('\r', budget - 1));
        if (cut > 0 && text.charAt(cut) == '\r' && cut + 1 < budget && text.charAt(cut + 1) == '\n') {
            cut++;
        }
        return cut < 0 ? "" : text.substring(0, cut + 1);
    }

    private static boolean endsWithUserAgentLine(String text) {
        String[] all = text.split("\r\n|\r|\n");
        for (int i = all.length - 1; i >= 0; i--) {
            int hash = all[i].indexOf('#');
            String line = (hash < 0 ? all[i] : all[i].substring(0, hash)).strip();
            if (!line.isEmpty()) {
                return USER_AGENT_LINE.matcher(line).matches();
            }
        }
        return false;
    }

    private static List<String> group(AiCrawlerList crawlers) {
        if (crawlers.agents().isEmpty()) {
            return List.of();
        }
        List<String> userAgents = crawlers.tokens().stream().map(token -> "User-agent: " + token).toList();
        return Stream.of(
                        List.of(MARKER + ": AI training crawlers (list " + crawlers.version() + ")"),
                        userAgents,
                        List.of("Disallow: /", CONTENT_USAGE, CONTENT_SIGNAL))
                .flatMap(List::stream).toList();
    }

    private static String joined(List<String> lines, String eol) {
        return String.join(eol, lines) + eol;
    }

    // Our group, then a permissive group for everybody else carrying the same usage preferences.
    private static byte[] standalone(List<String> group) {
        StringBuilder out = new StringBuilder();
        if (!group.isEmpty()) {
            out.append(joined(group, "\n")).append('\n');
        }
        out.append("User-agent: *\nAllow: /\n").append(CONTENT_USAGE).append('\n').append(CONTENT_SIGNAL).append('\n');
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "RobotsTxt{mode=" + mode.yamlName() + ", " + Math.max(0, lines.size() - 4) + " user agents}";
    }
}
