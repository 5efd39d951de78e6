package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.imageguard.engine.ImageFormat;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Images;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AVIF, HEIC, TIFF and container JPEG XL photos carrying GPS, a serial number and an owner go out through the proxy
 * protected like a JPEG: rewritten (never {@code bypass}), DataMining readable by exiftool, the private fields gone.
 * The fixtures are the engine's, made by its {@code make-fixtures.sh} scripts with avifenc, heif-enc, ImageMagick,
 * cjxl and exiftool.
 */
class ModernFormatsThroughProxyTest {

    private static final String PROHIBITED = "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED";
    private static final String PRIVATE_FIELDS = "(?s).*(GPS|Serial ?Number|Owner ?Name).*";

    @TempDir
    Path root;
    private ImageGuardServer proxy;

    @BeforeEach
    void start() throws Exception {
        proxy = ImageGuardServer.create(config("origin: { root: '" + root + "' }\n"));
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.stop();
    }

    @ParameterizedTest
    @CsvSource({"heif/meta.avif, photo.avif, image/avif", "heif/grid.avif, grid.avif, image/avif",
        "heif/meta.heic, photo.heic, image/heic", "tiff/strip-le.tif, scan.tif, image/tiff",
        "tiff/multi.tif, pages.tif, image/tiff", "jxl/meta.jxl, photo.jxl, image/jxl"})
    void isRewrittenWithDataMiningAndWithoutPrivateFields(String fixture, String name, String type) throws Exception {
        byte[] original = Fixtures.bytes(ImageFormat.class, "/org/imageguard/engine/" + fixture);
        Files.write(root.resolve(name), original);
        assertThat(Images.exiftool(original, "-a", "-G1", "-s").out()).as("the fixture carries private fields")
                .matches(PRIVATE_FIELDS);

        HttpResponse<byte[]> response = ProxyFixtures.get(proxy.publicUrl() + "/" + name);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-ImageGuard")).hasValueSatisfying(
                outcome -> assertThat(outcome).startsWith("miss"));
        assertThat(response.headers().firstValue("Content-Type")).contains(type);
        assertThat(response.headers().firstValue("X-Robots-Tag")).isPresent();
        assertThat(Images.exiftoolDataMining(response.body())).isEqualTo(PROHIBITED);
        assertThat(Images.exiftool(response.body(), "-a", "-G1", "-s").out()).doesNotMatch(PRIVATE_FIELDS);
        String before = Images.exiftoolWarnings(original);
        assertThat(Images.exiftoolWarnings(response.body()).lines()).as("exiftool -validate: no new warning")
                .allMatch(warning -> warning.isBlank() || before.contains(warning));
    }
}
