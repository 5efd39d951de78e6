package org.imageguard.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Files under a directory. A file is served only if its real path (symlinks resolved) lies under the root's real
 * path; folders serve their {@code index.html} and are never listed.
 *
 * <pre>{@code
 * SiteRoot site = new DirectoryRoot(Path.of("/var/www"));
 * site.find(List.of("images", "a.jpg"), false); // Found(/var/www/images/a.jpg) or Missing
 * }</pre>
 */
final class DirectoryRoot implements SiteRoot {

    private final Path root;

    DirectoryRoot(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serve " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Lookup find(List<String> segments, boolean trailingSlash) throws IOException {
        Path candidate = root;
        for (String segment : segments) {
            candidate = candidate.resolve(segment);
        }
        Path real = inside(candidate);
        if (real == null) {
            return new Missing();
        }
        if (Files.isDirectory(real)) {
            Path index = inside(real.resolve("index.html"));
            if (index == null || !Files.isRegularFile(index)) {
                return new Missing(); // never a listing
            }
            return trailingSlash || segments.isEmpty() ? found(index) : new Directory();
        }
        return trailingSlash || !Files.isRegularFile(real) ? new Missing() : found(real);
    }

    /** The real path when it exists and lies under the root, else null. */
    private Path inside(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            Path real = path.toRealPath();
            return real.startsWith(root) && Files.isReadable(real) ? real : null;
        } catch (NoSuchFileException e) {
            return null; // a dangling symlink
        }
    }

    private static Lookup found(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        // Weak enough to be cheap, strong enough for a file that changes size or time.
        String etag = "\"" + Long.toHexString(modified) + "-" + Long.toHexString(size) + "\"";
        return new Found(new StaticFile(file.getFileName().toString(), size,
                attributes.lastModifiedTime().toInstant(), etag, () -> Files.newInputStream(file)));
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
