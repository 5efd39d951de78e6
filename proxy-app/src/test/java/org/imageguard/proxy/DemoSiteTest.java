package org.imageguard.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.proxy.ProxyFixtures.config;
import static org.imageguard.proxy.ProxyFixtures.raw;
import static org.imageguard.proxy.ProxyFixtures.status;
import static org.imageguard.proxy.ProxyFixtures.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DemoSiteTest {

    private ImageGuardServer proxy;

    @BeforeEach
    void startWithoutAnOrigin() throws Exception {
        proxy = ImageGuardServer.create(config(""));
        proxy.start();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.stop();
    }

    @Test
    void withoutAnOriginTheDemoGalleryIsServed() throws Exception {
        HttpResponse<byte[]> page = ProxyFixtures.get(proxy.publicUrl() + "/");

        assertThat(proxy.mode()).isEqualTo(ImageGuardServer.Mode.DEMO);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(text(page)).contains("ImageGuard demo gallery").contains("images/harbour.jpg")
                .contains("images/meadow.png").contains("images/dunes.webp");
    }

    @Test
    void theGalleryNamesNoFixedPortAndFillsInTheOriginItWasOpenedFrom() throws Exception {
        String page = text(ProxyFixtures.get(proxy.publicUrl() + "/"));

        assertThat(page).doesNotContainPattern(":80[0-9]{2}\\b")
                .contains("<span class=\"site-origin\">http://HOST:PORT</span>")
                .contains("element.textContent = location.origin;");
    }

    @ParameterizedTest
    @CsvSource({"harbour.jpg, image/jpeg, FFD8FF", "meadow.png, image/png, 89504E47",
        "dunes.webp, image/webp, 52494646"})
    void theSampleImagesAreServedWithTheirTypes(String name, String type, String magic) throws Exception {
        HttpResponse<byte[]> image = ProxyFixtures.get(proxy.publicUrl() + "/images/" + name);

        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains(type);
        assertThat(java.util.HexFormat.of().withUpperCase().formatHex(image.body(), 0, magic.length() / 2))
                .isEqualTo(magic);
        assertThat(image.body().length).isBetween(2_000, 45_000);
        assertThat(image.headers().firstValue("ETag")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"harbour.jpg", "meadow.png", "dunes.webp"})
    void theSampleImagesLeaveProtected(String name) throws Exception {
        HttpResponse<byte[]> image = ProxyFixtures.get(proxy.publicUrl() + "/images/" + name);

        assertThat(image.headers().firstValue("X-ImageGuard")).contains("miss;stage=protected");
        assertThat(ProxyFixtures.dataMiningCode(image.body())).isEqualTo("DMI-PROHIBITED");
        assertThat(image.headers().firstValue("X-Robots-Tag")).contains("noai, noimageai");
    }

    @Test
    void theReportSaysWhatWasRemovedAndAdded() throws Exception {
        HttpResponse<byte[]> report = ProxyFixtures.get(proxy.publicUrl()
                + "/_imageguard/report?path=%2Fimages%2Fharbour.jpg");

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode json = new ObjectMapper().readTree(report.body());
        assertThat(json.get("outcome").asText()).isEqualTo("rewritten");
        assertThat(json.get("removed").toString()).contains("GPS");
        assertThat(json.get("added").toString()).contains("DataMining");
        assertThat(json.get("bytesBefore").asLong()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?path=/images/none.jpg", "?path=/../logback.xml", "?path=%2Flogback.xml"})
    void theReportOnlyCoversDemoFiles(String query) throws Exception {
        HttpResponse<byte[]> report = ProxyFixtures.get(proxy.publicUrl() + "/_imageguard/report" + query);

        assertThat(report.statusCode()).isEqualTo(404);
        assertThat(text(report)).doesNotContain("<configuration>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/images", "/images/", "/nothing.jpg", "/../demo/index.html", "/%2e%2e/logback.xml",
        "/..%2flogback.xml", "/images/..%2f..%2flogback.xml", "/org/imageguard/proxy/ImageGuardServer.class"})
    void onlyTheDemoFolderIsReachable(String target) throws Exception {
        String answer = raw(proxy.port(), "GET " + target + " HTTP/1.1\r\nHost: x");

        assertThat(status(answer)).isIn(400, 404);
        assertThat(answer).doesNotContain("<configuration>").doesNotContain("ImageGuard demo gallery");
    }
}
