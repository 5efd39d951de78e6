package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

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

    /**
     * Served as {@code .txt} (text/plain: the first 16 bytes are peeked at) and as {@code .bin}
     * (application/octet-stream: buffered and sniffed whole), each is still recognised by its bytes and protected.
     */
    @ParameterizedTest
    @CsvSource({"heif/meta.avif, txt", "heif/meta.avif, bin", "heif/meta.heic, txt", "heif/meta.heic, bin",
        "tiff/strip-le.tif, txt", "tiff/strip-be.tif, bin", "tiff/big.tif, txt", "jxl/meta.jxl, txt",
        "jxl/meta.jxl, bin"})
    void isRecognisedByItsBytesUnderAWrongOrGenericContentType(String fixture, String extension) throws Exception {
        byte[] original = Fixtures.bytes(ImageFormat.class, "/org/imageguard/engine/" + fixture);
        Files.write(root.resolve("upload." + extension), original);

        HttpResponse<byte[]> response = ProxyFixtures.get(proxy.publicUrl() + "/upload." + extension);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-ImageGuard")).hasValueSatisfying(
                outcome -> assertThat(outcome).startsWith("miss"));
        assertThat(ImageFormat.sniff(response.body())).isEqualTo(ImageFormat.sniff(original));
        assertThat(Images.exiftoolDataMining(response.body())).isEqualTo(PROHIBITED);
        assertThat(Images.exiftool(response.body(), "-a", "-G1", "-s").out()).doesNotMatch(PRIVATE_FIELDS);
    }

    /**
     * An image sequence (a HEIC with a {@code moov} box, as animated AVIF and HEIF carry their tracks) cannot be
     * protected: it goes out as it is, labelled and counted, even under a text type; never as a rewrite error.
     */
    @ParameterizedTest
    @CsvSource({"animated.heic", "animated.txt"})
    void anImageSequenceIsUnsupportedLabelledAndCounted(String name) throws Exception {
        byte[] still = Fixtures.bytes(ImageFormat.class, "/org/imageguard/engine/heif/plain.heic");
        byte[] sequence = Arrays.copyOf(still, still.length + 8);
        System.arraycopy(new byte[] {0, 0, 0, 8, 'm', 'o', 'o', 'v'}, 0, sequence, still.length, 8);
        Files.write(root.resolve(name), sequence);

        HttpResponse<byte[]> response = ProxyFixtures.get(proxy.publicUrl() + "/" + name);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-ImageGuard")).contains("bypass;reason=unsupported");
        assertThat(response.body()).isEqualTo(sequence);
        assertThat(proxy.metrics().scrape()).contains("imageguard_unsupported_total{format=\"heif_sequence\"} 1.0");
        assertThat(proxy.metrics().scrape()).doesNotContain("imageguard_rewrite_errors_total{");
    }
}
