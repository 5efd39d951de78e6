package org.imageguard.policy.robots;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imageguard.config.HeaderSettings;
import org.imageguard.config.ProtectionSettings;

/**
 * The {@code /.well-known/tdmrep.json} file (W3C TDMRep): a JSON array of rules, first match wins, built once.
 *
 * <pre>
 * [ {"location": "/press/*", "tdm-reservation": 0},
 *   {"location": "/*", "tdm-reservation": 1, "tdm-policy": "https://example.com/tdm-policy.json"} ]
 * </pre>
 *
 * The per-path overrides come first, in configuration order (the configuration is first-match too), and the top
 * level last as the catch-all {@code /*}. {@code tdm-reservation} is 1 when the DataMining code prohibits mining and
 * the {@code tdm-reservation} header is enabled; {@code tdm-policy} is written only with a reservation and when set.
 *
 * <p>Locations are robots-style patterns, where {@code *} also crosses {@code /} and {@code $} anchors the end. A
 * glob converts to the closest pattern that covers at least what it matches: {@code /img/**} becomes {@code /img/*},
 * <code>/**&#47;thumbs/*.jpg</code> becomes {@code /*thumbs/*.jpg$}, an exact path gets {@code $}.
 *
 * <pre>{@code
 * TdmRep tdmrep = new TdmRep(policy.protection(), rules); // once
 * response.setContentType(TdmRep.contentType());
 * response.getOutputStream().write(tdmrep.json());
 * }</pre>
 */
public final class TdmRep {

    // ASCII only: non-ASCII characters (U+2028 included) are escaped, so the file survives any charset and being
    // embedded in JavaScript.
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final byte[] json;

    public TdmRep(ProtectionSettings top, List<TdmRule> overrides) {
        this.json = write(top, overrides);
    }

    /** The file's bytes (UTF-8). */
    public byte[] json() {
        return json.clone();
    }

    public static String contentType() {
        return "application/json";
    }

    /** Converts a configuration glob to a TDMRep (robots-style) location. */
    static String location(String glob) {
        String pattern = glob.replace("/**/", "/*");
        if (pattern.startsWith("**/")) {
            pattern = "/*" + pattern.substring(3);
        }
        pattern = pattern.replaceAll("\\*+", "*");
        if (!pattern.startsWith("/")) {
            pattern = "/" + pattern;
        }
        return pattern.endsWith("*") ? pattern : pattern + "$";
    }

    private static byte[] write(ProtectionSettings top, List<TdmRule> overrides) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (TdmRule rule : overrides) {
                writeRule(json, location(rule.glob()), rule.protection());
            }
            writeRule(json, "/*", top);
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tdmrep.json to memory", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static void writeRule(JsonGenerator json, String location, ProtectionSettings protection)
            throws IOException {
        HeaderSettings headers = protection.headers();
        boolean reserved = protection.dataMining().prohibits() && headers.tdmReservation();
        json.writeStartObject();
        json.writeStringField("location", location);
        json.writeNumberField("tdm-reservation", reserved ? 1 : 0);
        if (reserved && !headers.tdmPolicy().isBlank()) {
            json.writeStringField("tdm-policy", headers.tdmPolicy());
        }
        json.writeEndObject();
    }

    @Override
    public String toString() {
        return "TdmRep" + new String(json, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    }
}
