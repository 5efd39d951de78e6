package org.imageguard.policy.robots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.imageguard.config.DataMining;
import org.imageguard.config.ExistingXmp;
import org.imageguard.config.HeaderSettings;
import org.imageguard.config.ProtectionSettings;
import org.imageguard.config.Rights;
import org.imageguard.config.StripMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TdmRepTest {

    private static final String POLICY = "https://example.com/tdm-policy.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ProtectionSettings protection(DataMining code, boolean reservationHeader, String policy) {
        return new ProtectionSettings(code, "", Rights.NONE, ExistingXmp.MERGE, StripMode.PRIVACY,
                new HeaderSettings("noai, noimageai", reservationHeader, policy, "train-ai=n", true));
    }

    private static JsonNode parse(TdmRep tdmrep) throws IOException {
        JsonNode root = MAPPER.readTree(tdmrep.json());
        assertTdmRepShape(root);
        return root;
    }

    // The shape of the TDMRep well-known file: an array of rules with a string location, a 0/1 integer
    // tdm-reservation and, optionally, an absolute URL as tdm-policy. Nothing else.
    private static void assertTdmRepShape(JsonNode root) {
        assertThat(root.isArray()).isTrue();
        assertThat(root).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.isObject()).isTrue();
            assertThat(Set.copyOf(fieldNames(rule))).isSubsetOf("location", "tdm-reservation", "tdm-policy");
            assertThat(rule.get("location").isTextual()).isTrue();
            assertThat(rule.get("location").asText()).startsWith("/");
            assertThat(rule.get("tdm-reservation").isIntegralNumber()).isTrue();
            assertThat(rule.get("tdm-reservation").asInt()).isIn(0, 1);
            if (rule.has("tdm-policy")) {
                URI policy = URI.create(rule.get("tdm-policy").asText());
                assertThat(policy.isAbsolute()).isTrue();
                assertThat(policy.getScheme()).isIn("http", "https");
            }
        });
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void overridesComeFirstInOrderAndTheTopLevelIsTheCatchAll() throws IOException {
        TdmRep tdmrep = new TdmRep(protection(DataMining.DMI_PROHIBITED, true, POLICY), List.of(
                new TdmRule("/press/**", protection(DataMining.DMI_ALLOWED, true, POLICY)),
                new TdmRule("/**/thumbs/*.jpg", protection(DataMining.DMI_PROHIBITED_AIMLTRAINING, true, ""))));
        JsonNode root = parse(tdmrep);
        assertThat(root).hasSize(3);
        assertThat(root.get(0).get("location").asText()).isEqualTo("/press/*");
        assertThat(root.get(0).get("tdm-reservation").asInt()).isZero();
        assertThat(root.get(0).has("tdm-policy")).as("no policy without a reservation").isFalse();
        assertThat(root.get(1).get("location").asText()).isEqualTo("/*thumbs/*.jpg$");
        assertThat(root.get(1).get("tdm-reservation").asInt()).isOne();
        assertThat(root.get(1).has("tdm-policy")).as("no policy when none is set").isFalse();
        assertThat(root.get(2).get("location").asText()).isEqualTo("/*");
        assertThat(root.get(2).get("tdm-reservation").asInt()).isOne();
        assertThat(root.get(2).get("tdm-policy").asText()).isEqualTo(POLICY);
    }

    @ParameterizedTest(name = "[{index}] {0} header={1} -> {2}")
    @CsvSource({
        "DMI_PROHIBITED, true, 1",
        "DMI_PROHIBITED_GENAIMLTRAINING, true, 1",
        "DMI_PROHIBITED, false, 0",
        "DMI_ALLOWED, true, 0",
        "DMI_UNSPECIFIED, true, 0"})
    void reservationIsOneExactlyWhenTheCodeProhibitsAndTheHeaderIsOn(DataMining code, boolean header, int expected)
            throws IOException {
        JsonNode root = parse(new TdmRep(protection(code, header, ""), List.of()));
        assertThat(root).hasSize(1);
        assertThat(root.get(0).get("location").asText()).isEqualTo("/*");
        assertThat(root.get(0).get("tdm-reservation").asInt()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /images/**            | /images/*
            /images/*.jpg         | /images/*.jpg$
            /exact/photo.png      | /exact/photo.png$
            /**/hotlink-ok/**     | /*hotlink-ok/*
            **/*.png              | /*.png$
            /a/**/b               | /a/*b$
            /a/*/b                | /a/*/b$
            /**                   | /*
            """)
    void globsBecomeRobotsStyleLocationsThatCoverThem(String glob, String location) {
        assertThat(TdmRep.location(glob)).isEqualTo(location);
    }

    @Test
    void aRelativeGlobIsRejected() {
        ProtectionSettings protection = protection(DataMining.DMI_PROHIBITED, true, "");
        assertThatThrownBy(() -> new TdmRule("images/*", protection))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images/*");
    }

    @Test
    void awkwardCharactersAreEscapedAndTheFileIsAscii() throws IOException {
        String glob = "/odd \"quoted\" \\ \u0001 \u2028 caf\u00e9/**";
        TdmRep tdmrep = new TdmRep(protection(DataMining.DMI_PROHIBITED, true, ""),
                List.of(new TdmRule(glob, protection(DataMining.DMI_PROHIBITED, true, ""))));
        byte[] json = tdmrep.json();
        for (byte b : json) {
            assertThat(b & 0xFF).isLessThan(0x80);
        }
        assertThat(parse(tdmrep).get(0).get("location").asText()).isEqualTo(TdmRep.location(glob));
    }
}
