package org.imageguard.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.imageguard.http.HttpAnswer;

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
                attributes.lastModifiedTime().toInstant(), etag, new FileOpener(file, size)));
    }

    /**
     * A file on disk: its body is read through its channel into direct buffers, which go to the socket without the
     * copy a heap buffer takes; at most the size its headers announced, should it grow meanwhile.
     */
    private record FileOpener(Path file, long size) implements StaticFile.Opener {

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public Content.Source source(ByteBufferPool buffers) throws IOException {
            return Content.Source.from(new ByteBufferPool.Sized(buffers, true, HttpAnswer.WRITE_SLICE),
                    Files.newByteChannel(file), 0, size);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
