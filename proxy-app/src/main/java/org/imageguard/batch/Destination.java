package org.imageguard.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@code rewrite} puts its results.
 *
 * <pre>{@code
 * Destination out = new Destination.Tree(Path.of("protected"));   // protected/<path relative to the argument>
 * Destination same = new Destination.InPlace();                   // each file replaced atomically
 * }</pre>
 */
public sealed interface Destination {

    /** The file the result of {@code file} is written to. */
    Path target(InputFile file) throws IOException;

    /**
     * Whether files that are not rewritten (non-images, images the engine leaves as they are, files that failed)
     * still get written. A separate tree gets them, like rsync's copy (it is the site's protected copy: an AVIF or a
     * stylesheet missing from it would be a broken page); in place, there is nothing to do.
     */
    boolean writesUnchanged();

    /** A separate tree mirroring each argument's tree under {@code root}. */
    record Tree(Path root) implements Destination {
        public Tree {
            Objects.requireNonNull(root, "root");
        }

        @Override
        public Path target(InputFile file) {
            return root.resolve(file.relative().toString());
        }

        @Override
        public boolean writesUnchanged() {
            return true;
        }
    }

    /** The files themselves; a symbolic link given as an argument stays a link and its target is rewritten. */
    record InPlace() implements Destination {
        @Override
        public Path target(InputFile file) throws IOException {
            return file.source().toRealPath();
        }

        @Override
        public boolean writesUnchanged() {
            return false;
        }
    }
}
