package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.DataSize;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.testing.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;

/**
 * SVG responses that once went out unprotected and unlabelled: a root after a long prolog, a prefixed root, UTF-16,
 * and a body declared {@code image/svg+xml} that cannot be read as SVG at all.
 */
class DeclaredSvgPipelineTest {

    private static final String ROOT = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\" height=\"2\"/>";
    private static final String PREFIXED = "<s:svg xmlns:s=\"http://www.w3.org/2000/svg\" width=\"2\" height=\"2\"/>";

    private final ImageGuardPipeline pipeline = ImageGuardPipeline.builder()
            .rewriter(new ImageGuardEngine()::rewrite)
            .policies(path -> Policy.DEFAULTS)
            .cache(new RewriteCache(new CacheSettings(DataSize.ofMegabytes(4), Duration.ofSeconds(60)),
                    new FakeTicker(), Runnable::run))
            .build();

    private HttpAnswer serve(byte[] body) {
        try (Exchange exchange = ((Step.Forward) pipeline.begin(RequestFacts.of("GET", "/logo.svg"))).exchange()) {
            assertThat(exchange.decide(OriginResponse.ok("image/svg+xml"))).isEqualTo(RewriteDecision.BUFFER);
            return exchange.complete(body);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"comment", "prefixed", "utf16"})
    void svgsThatOnceSkippedProtectionAreRewrittenWithDataMining(String kind) throws Exception {
        String doc = switch (kind) {
            case "comment" -> "<?xml version=\"1.0\"?>\n<!--" + " licence".repeat(300) + " -->\n" + ROOT;
            case "prefixed" -> PREFIXED;
            default -> "\uFEFF" + ROOT;
        };
        byte[] body = doc.getBytes(kind.equals("utf16") ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8);

        HttpAnswer answer = serve(body);

        assertThat(answer.header("X-ImageGuard")).isEqualTo("miss;stage=protected");
        assertThat(answer.header("X-Robots-Tag")).isEqualTo("noai, noimageai");
        assertThat(dataMining(answer.sentBytes())).isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
    }

    @Test
    void aBodyDeclaredSvgThatIsNoReadableSvgStillGetsTheSignalsAndABypassLabel() {
        byte[] gzipped = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4};

        HttpAnswer answer = serve(gzipped);

        assertThat(answer.header("X-ImageGuard")).isEqualTo("bypass;reason=unsupported");
        assertThat(answer.header("X-Robots-Tag")).isEqualTo("noai, noimageai");
        assertThat(answer.sentBytes()).isEqualTo(gzipped);
    }

    /**
     * plus:DataMining as an XML parser and xmpcore read it (exiftool's own SVG detection misses all three documents).
     */
    private static String dataMining(byte[] svg) throws Exception {
        Document document = SecureXml.parse(svg);
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
        NodeList rdf = document.getElementsByTagNameNS("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "RDF");
        assertThat(rdf.getLength()).isEqualTo(1);
        StringWriter packet = new StringWriter();
        TransformerFactory.newDefaultInstance().newTransformer()
                .transform(new DOMSource(rdf.item(0)), new StreamResult(packet));
        XMPMeta xmp = XMPMetaFactory.parseFromString(packet.toString());
        return xmp.getPropertyString("http://ns.useplus.org/ldf/xmp/1.0/", "DataMining");
    }
}
