package org.imageguard.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/** One file a static site can serve: what its headers need, and how to open it. */
record StaticFile(String name, long size, Instant lastModified, String etag, Opener opener) {

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }
}
