package org.imageguard.proxy;

import java.io.IOException;
import java.util.List;

/**
 * The files of a static site: a directory or the demo on the class path. Segments come from {@link SafePath}, so
 * they hold no separators or dot-segments; an implementation still refuses anything that resolves outside it.
 */
interface SiteRoot {

    /** What a path names. */
    sealed interface Lookup permits Found, Directory, Missing {
    }

    record Found(StaticFile file) implements Lookup {
    }

    /** A folder with an index asked for without its trailing slash: redirect so relative links work. */
    record Directory() implements Lookup {
    }

    record Missing() implements Lookup {
    }

    /** {@code trailingSlash}: the path ended with {@code /}, so it names a folder's index.html. */
    Lookup find(List<String> segments, boolean trailingSlash) throws IOException;

    String describe();
}
