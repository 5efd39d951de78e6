package org.imageguard.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a raw request path into the names of the folders and file it asks for, or refuses it. A static site never
 * serves outside its root, so every trick is refused here, before the file system is touched: {@code ..} and
 * {@code .} (also percent-encoded), encoded slashes, backslashes, NUL and other control characters, malformed
 * percent-encoding or UTF-8, and hidden names ({@code .git}, {@code .env}) except {@code .well-known}. The site roots
 * still check the resolved real path (symlinks) against the root.
 *
 * <pre>{@code
 * SafePath.segments("/images/a%20b.jpg"); // Optional[[images, a b.jpg]]
 * SafePath.segments("/%2e%2e/etc/passwd"); // Optional.empty
 * }</pre>
 */
final class SafePath {

    private SafePath() {
    }

    static Optional<List<String>> segments(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/", -1)) {
            if (raw.isEmpty()) {
                continue;
            }
            Optional<String> name = decode(raw).filter(SafePath::acceptable);
            if (name.isEmpty()) {
                return Optional.empty();
            }
            segments.add(name.get());
        }
        return Optional.of(segments);
    }

    private static boolean acceptable(String name) {
        if (name.startsWith(".") && !name.equals(".well-known")) {
            return false; // also "." and ".."
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f || c == ':') {
                return false;
            }
        }
        return true;
    }

    /** Strict percent-decoding: a malformed escape or invalid UTF-8 refuses the path rather than guessing. */
    private static Optional<String> decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return Optional.of(raw);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= raw.length()) {
                return Optional.empty();
            }
            int high = Character.digit(raw.charAt(i + 1), 16);
            int low = Character.digit(raw.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
