package org.imageguard.policy.hotlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PlaceholderTest {

    @Test
    void isASmallDecodablePng() throws IOException {
        byte[] png = Placeholder.bytes();
        assertThat(Placeholder.contentType()).isEqualTo("image/png");
        assertThat(png).hasSizeLessThan(2048).hasSize(Placeholder.length())
                .startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(64);
    }

    @Test
    void callersCannotAlterTheSharedBytes() {
        Placeholder.bytes()[0] = 0;
        assertThat(Placeholder.bytes()[0]).isEqualTo((byte) 0x89);
    }
}
