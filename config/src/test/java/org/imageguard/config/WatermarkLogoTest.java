package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watermark.logo}: checked when the configuration loads, part of the policy fingerprint by content. */
class WatermarkLogoTest {

    @TempDir
    Path dir;

    private static byte[] png(int width, int height, int rgb) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, rgb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private Policy load(Path logo) {
        return ConfigLoader.load("watermark:\n  enabled: true\n  logo: '" + logo + "'\n", "site.yaml").policy();
    }

    @Test
    void aLogoAloneIsAWatermarkAndItsContentIsInTheFingerprint() throws IOException {
        Path logo = Files.write(dir.resolve("logo.png"), png(64, 32, 0xFFFF0000));
        Policy first = load(logo);
        assertThat(first.watermark().enabled()).isTrue();
        assertThat(first.watermark().logo()).hasValueSatisfying(l -> {
            assertThat(l.width()).isEqualTo(64);
            assertThat(l.height()).isEqualTo(32);
        });
        assertThat(ConfigPrinter.print(ConfigLoader.load("watermark: {enabled: true, logo: '" + logo + "'}\n",
                "site.yaml"))).contains("logo: \"" + logo + "\"");

        Files.write(logo, png(64, 32, 0xFF0000FF)); // same path, new content: a new fingerprint, so new ETags
        Policy replaced = load(logo);
        assertThat(PolicyFingerprint.of(replaced)).isNotEqualTo(PolicyFingerprint.of(first));
        assertThat(PolicyFingerprint.of(load(logo))).isEqualTo(PolicyFingerprint.of(replaced));
        assertThat(PolicyFingerprint.of(Policy.DEFAULTS)).isEqualTo(PolicyFingerprintGolden.DEFAULTS);
    }

    @Test
    void aBadLogoIsAnErrorAtItsLine() throws IOException {
        Path missing = dir.resolve("missing.png");
        Path text = Files.writeString(dir.resolve("logo.png"), "not an image");
        byte[] png = png(64, 32, 0xFFFF0000);
        Path truncated = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        Path huge = Files.write(dir.resolve("huge.png"), png(WatermarkLogo.MAX_SIDE + 1, 4, 0));

        assertThatThrownBy(() -> load(missing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("site.yaml:3:9: watermark.logo: '" + missing + "' does not exist");
        assertThatThrownBy(() -> load(text)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("site.yaml:3:9: watermark.logo: '" + text + "' is not a PNG or JPEG file");
        assertThatThrownBy(() -> load(truncated)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("watermark.logo: '" + truncated + "' does not decode as PNG: ");
        assertThatThrownBy(() -> load(huge)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'" + huge + "' is 2049×4 pixels; a logo may be at most 2048×2048");
        assertThatThrownBy(() -> load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("watermark.logo: '" + dir + "' cannot be read");
    }
}
