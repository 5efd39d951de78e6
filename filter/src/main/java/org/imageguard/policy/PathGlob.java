package org.imageguard.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A path pattern as the configuration writes them: {@code **} spans any number of folders (including none),
 * {@code *} stays within one path segment, every other character stands for itself. Compiled once to a regex.
 *
 * <pre>
 * PathGlob glob = PathGlob.compile("/**&#47;hotlink-ok/**");
 * glob.matches("/hotlink-ok/x.jpg");       // true
 * glob.matches("/a/b/hotlink-ok/c/d.png"); // true
 * glob.matches("/not-hotlink-ok/x.jpg");   // false
 * </pre>
 */
public final class PathGlob {

    private final String glob;
    private final Pattern regex;

    private PathGlob(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    /**
     * Compiles a glob.
     *
     * @throws IllegalArgumentException when the glob is empty or does not start with {@code /} or {@code **}
     */
    public static PathGlob compile(String glob) {
        Objects.requireNonNull(glob, "glob");
        if (!glob.startsWith("/") && !glob.startsWith("**")) {
            throw new IllegalArgumentException("path pattern must start with / or **, found \"" + glob + "\"");
        }
        return new PathGlob(glob, Pattern.compile(toRegex(glob)));
    }

    /** Whether the whole path matches. */
    public boolean matches(String path) {
        return path != null && regex.matcher(path).matches();
    }

    /** The glob as written. */
    public String glob() {
        return glob;
    }

    // "/**/" must also match a single "/", so "/**/x" covers "/x"; a trailing "/**" also covers the folder itself.
    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            if (glob.startsWith("/**/", i)) {
                regex.append("/(?:.*/)?");
                i += 4;
            } else if (i == 0 && glob.startsWith("**/")) {
                regex.append("(?:.*/)?");
                i += 3;
            } else if (glob.startsWith("/**", i) && i + 3 == glob.length()) {
                regex.append("(?:/.*)?");
                i += 3;
            } else if (glob.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (glob.charAt(i) == '*') {
                regex.append("[^/]*");
                i++;
            } else {
                int next = nextWildcard(glob, i);
                regex.append(Pattern.quote(glob.substring(i, next)));
                i = next;
            }
        }
        return regex.toString();
    }

    private static int nextWildcard(String glob, int from) {
        int star = glob.indexOf('*', from);
        int end = star < 0 ? glob.length() : star;
        // Leave a "/" right before "**" to the "/**" rules above.
        return end > from + 1 && glob.charAt(end - 1) == '/' && glob.startsWith("**", end) ? end - 1 : end;
    }

    @Override
    public String toString() {
        return glob;
    }
}
