package org.imageguard.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.imageguard.http.HttpAnswer;

/** One file a static site can serve: what its headers need, and how to open it. */
record StaticFile(String name, long size, Instant lastModified, String etag, Opener opener) {

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;

        /**
         * The file as a body, read in slices of the size answers are written in, in buffers from {@code buffers}
         * (heap ones: a stream reads into arrays). Opened now, so a file that is gone fails here, not mid-body.
         */
        default Content.Source source(ByteBufferPool buffers) throws IOException {
            return Content.Source.from(new ByteBufferPool.Sized(buffers, false, HttpAnswer.WRITE_SLICE), open());
        }
    }
}
