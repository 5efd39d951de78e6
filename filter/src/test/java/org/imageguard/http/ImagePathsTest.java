package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePathsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "/img/a.jpg, true", "/img/A.JPEG, true", "/x.webp, true", "/logo.svg, true", "/p.avif, true",
            "/images/12345, true", "/img/v1.2/photo, true",
            "/, false", "/blog/, false", "/index.html, false", "/movie.mp4, false", "/app.js, false",
            "/data.json, false"})
    void guessesFromTheExtension(String path, boolean likely) {
        assertThat(ImagePaths.likelyImage(path)).isEqualTo(likely);
    }
}
