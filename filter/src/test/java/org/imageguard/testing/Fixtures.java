package org.imageguard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Test resources: next to the test class that uses them, or anywhere on the test classpath with a leading {@code /}.
 *
 * <pre>{@code
 * byte[] webp = Fixtures.bytes(WebpRewriterTest.class, "lossy.webp");
 * }</pre>
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] bytes(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name + " next to " + anchor.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
