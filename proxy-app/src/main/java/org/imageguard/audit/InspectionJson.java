package org.imageguard.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.imageguard.engine.inspect.ProtectionReport;

/**
 * The machine form of a list of {@link Inspection}s: one JSON array, one object per input, in input order. Every
 * object has every field (null when unknown), so scripts need no existence checks; the names are part of the
 * command-line contract and listed in {@code inspect --help}.
 *
 * <pre>{@code
 * [{"input":"a.jpg","error":null,"format":"JPEG","width":16,"height":12,"frames":1,"examined":true,
 *   "dataMining":"DMI-PROHIBITED","prohibitsDataMining":true,"rights":{"dc:rights":"(c) Jane"},
 *   "privacy":[],"http":null}]
 * }</pre>
 */
public final class InspectionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private InspectionJson() {
    }

    public static String render(List<Inspection> inspections) {
        ArrayNode array = MAPPER.createArrayNode();
        inspections.forEach(inspection -> array.add(object(inspection)));
        try {
            return MAPPER.writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static ObjectNode object(Inspection inspection) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("input", inspection.input());
        node.put("error", inspection.error());
        ProtectionReport image = inspection.image();
        node.put("format", image == null ? null : image.format().name());
        node.put("width", image == null ? null : image.width());
        node.put("height", image == null ? null : image.height());
        node.put("frames", image == null ? null : image.frames());
        boolean examined = image != null && image.format().rewritable();
        node.put("examined", image == null ? null : examined);
        node.put("dataMining", image == null ? null : image.dataMining());
        node.put("prohibitsDataMining", image == null ? null : image.prohibitsDataMining());
        if (!examined) {
            // Not read (no reader for the format): null, never an empty list that would read as "nothing private".
            node.putNull("rights");
            node.putNull("privacy");
        } else {
            ObjectNode rights = node.putObject("rights");
            image.rights().forEach(rights::put);
            ArrayNode privacy = node.putArray("privacy");
            image.privacyFindings().forEach(privacy::add);
        }
        if (inspection.http() == null) {
            node.putNull("http");
        } else {
            node.set("http", http(inspection.http()));
        }
        return node;
    }

    private static ObjectNode http(HttpSignals signals) {
        ObjectNode http = MAPPER.createObjectNode();
        http.put("url", signals.url().toString());
        http.put("status", signals.status());
        ArrayNode redirects = http.putArray("redirects");
        for (HttpSignals.Redirect redirect : signals.redirects()) {
            redirects.addObject().put("status", redirect.status()).put("location", redirect.location().toString());
        }
        ObjectNode headers = http.putObject("headers");
        for (Map.Entry<String, String> header : signals.headers().entrySet()) {
            headers.put(header.getKey(), header.getValue());
        }
        HttpSignals.CrawlerCheck check = signals.crawler();
        ObjectNode crawler = http.putObject("crawler");
        crawler.put("userAgent", check.userAgent());
        crawler.put("status", check.status() == 0 ? null : check.status());
        crawler.put("refused", check.refused());
        crawler.put("error", check.error());
        return http;
    }
}
