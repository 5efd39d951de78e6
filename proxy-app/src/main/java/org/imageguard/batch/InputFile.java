package org.imageguard.batch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file found under a {@code rewrite} argument.
 *
 * @param source   the file as found (under the argument as the user wrote it)
 * @param relative its path relative to the argument; the file name itself when the argument is the file. Output
 *                 trees mirror it, and {@link #policyPath()} derives from it
 * @param size     its size in bytes when the listing saw it, or -1 when not known: a hint for scheduling (large
 *                 files first), never trusted for reading
 */
public record InputFile(Path source, Path relative, long size) {

    public InputFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(relative, "relative");
    }

    /** A file whose size the listing did not see. */
    public InputFile(Path source, Path relative) {
        this(source, relative, -1);
    }

    /**
     * The path the {@code paths:} globs of the configuration are matched against: the relative path with a leading
     * {@code /} and forward slashes, as a request path would be ({@code photos/a.jpg} under {@code site/} gives
     * {@code /photos/a.jpg}).
     */
    public String policyPath() {
        StringBuilder path = new StringBuilder();
        for (Path part : relative) {
            path.append('/').append(part);
        }
        return path.toString();
    }
}
