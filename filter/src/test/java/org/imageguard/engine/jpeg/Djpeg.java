package org.imageguard.engine.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.imageguard.testing.ExternalTool;

/** libjpeg-turbo's djpeg as the independent reader: the pixels a JPEG decodes to, and whether it warned. */
final class Djpeg {

    private Djpeg() {
    }

    /** The PPM/PGM pixels (CMYK converted by djpeg's own writer), failing on an error exit. */
    static byte[] pixels(byte[] jpeg) {
        ExternalTool.Result r = ExternalTool.run(List.of("djpeg", "-pnm"), jpeg);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout();
    }

    /** Pixels of a file that must decode without any warning on stderr. */
    static byte[] cleanPixels(byte[] jpeg) {
        ExternalTool.Result r = ExternalTool.run(List.of("djpeg", "-pnm"), jpeg);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stderr()).as("djpeg warnings").isEmpty();
        return r.stdout();
    }
}
