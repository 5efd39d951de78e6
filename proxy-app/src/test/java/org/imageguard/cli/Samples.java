package org.imageguard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imageguard.testing.Fixtures;

/** The CLI test samples of {@code src/test/resources/samples/} (see make-fixtures.sh there), copied where needed. */
final class Samples {

    /** A JPEG whose first segment claims 65535 bytes in a 12-byte file. */
    static final byte[] CORRUPT_JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, (byte) 0xFF,
        (byte) 0xFF, 'E', 'x', 'i', 'f', 0, 0};

    private Samples() {
    }

    static byte[] bytes(String name) {
        return Fixtures.bytes(Samples.class, "/samples/" + name);
    }

    /** Copies sample {@code name} to {@code target}, creating its directories. */
    static Path copy(String name, Path target) {
        return write(target, bytes(name));
    }

    static Path write(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            return Files.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
