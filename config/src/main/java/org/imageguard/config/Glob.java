package org.imageguard.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request-path glob, compiled once: {@code **} matches any number of path segments (zero included), {@code *} any
 * characters within one segment, {@code ?} one character other than {@code /}. Everything else is literal.
 * {@code /thumbs/**} matches {@code /thumbs}, {@code /thumbs/a.jpg} and {@code /thumbs/x/y.jpg}.
 *
 * <pre>{@code
 * Glob glob = Glob.compile("/**\/hotlink-ok/**");
 * glob.matches("/hotlink-ok/a.png");      // true
 * glob.matches("/blog/hotlink-ok/b.png"); // true
 * }</pre>
 * The caller passes the decoded, normalised path without the query string.
 */
public final class Glob {

    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /** Compiles a glob that starts with {@code /}. */
    public static Glob compile(String glob) {
        Objects.requireNonNull(glob, "glob");
        if (!glob.startsWith("/")) {
            throw new IllegalArgumentException(ConfigValues.expected("a path glob starting with '/'", glob));
        }
        // "/**/**/" means "/**/"; collapsing keeps the compiled pattern free of nested backtracking.
        String collapsed = glob;
        while (collapsed.contains("/**/**")) {
            collapsed = collapsed.replace("/**/**", "/**");
        }
        return new Glob(glob, Pattern.compile(toRegex(collapsed)));
    }

    public boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    /** The glob as written. */
    @Override
    public String toString() {
        return text;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            if (glob.startsWith("/**/", i)) {
                regex.append("/(?:.*/)?"); // zero or more whole segments
                i += 4;
            } else if (glob.startsWith("/**", i) && i + 3 == glob.length()) {
                regex.append("(?:/.*)?"); // the folder itself or anything below it
                i += 3;
            } else if (glob.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else {
                char c = glob.charAt(i);
                if (c == '*') {
                    regex.append("[^/]*");
                } else if (c == '?') {
                    regex.append("[^/]");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
                i++;
            }
        }
        return regex.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Glob g && g.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
