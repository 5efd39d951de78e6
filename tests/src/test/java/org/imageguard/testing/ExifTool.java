package org.imageguard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * exiftool, the reference reader of IPTC and XMP metadata, driven over stdin so tests never write temporary files.
 *
 * <pre>{@code
 * ExifTool exiftool = ExifTool.require().requireDataMiningSupport();
 * JsonNode tags = exiftool.tags(output, "-XMP-plus:all");
 * assertThat(tags.path("XMP-plus:DataMining").asText()).isEqualTo("DMI-PROHIBITED");
 * }</pre>
 *
 * Tags come from {@code exiftool -j -G1 -a -n -struct}: keys are {@code Group1:Name}, values are raw (numeric)
 * values, lists stay arrays.
 */
public final class ExifTool {

    /** The first release that knows {@code XMP-plus:DataMining} (its PLUS.pm table gained the tag). */
    public static final String DATA_MINING_SINCE = "12.66";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE64 = "base64:";
    private static final Pattern LINE = Pattern.compile("^(\\w+)\\s*: ?(.*)$");

    private final String executable;
    private final String version;

    private ExifTool(String executable, String version) {
        this.executable = executable;
        this.version = version;
    }

    /** The exiftool of {@code IMAGEGUARD_EXIFTOOL} or PATH; skips or fails when there is none. */
    public static ExifTool require() {
        String executable = ExternalTool.require("exiftool").toString();
        String version = ExternalTool.run(List.of(executable, "-ver"), null).requireSuccess().out().trim();
        return new ExifTool(executable, version);
    }

    public String version() {
        return version;
    }

    public String executable() {
        return executable;
    }

    /** This exiftool if it reads {@code XMP-plus:DataMining}; otherwise skips or fails like a missing tool. */
    public ExifTool requireDataMiningSupport() {
        if (!atLeast(version, DATA_MINING_SINCE)) {
            ExternalTool.unavailable("exiftool " + version + " (" + executable + ") predates XMP-plus:DataMining ("
                    + DATA_MINING_SINCE + "); point " + ExternalTool.EXIFTOOL_VARIABLE
                    + " at exiftool 13 (.ci/run installs it from the npm package exiftool-vendored.pl)");
        }
        return this;
    }

    /** Compares dotted version numbers numerically: 12.100 is newer than 12.66. */
    static boolean atLeast(String version, String minimum) {
        String[] have = version.split("\\.");
        String[] need = minimum.split("\\.");
        for (int i = 0; i < Math.max(have.length, need.length); i++) {
            int a = i < have.length ? leadingNumber(have[i]) : 0;
            int b = i < need.length ? leadingNumber(need[i]) : 0;
            if (a != b) {
                return a > b;
            }
        }
        return true;
    }

    private static int leadingNumber(String part) {
        Matcher digits = Pattern.compile("^\\d+").matcher(part);
        return digits.find() ? Integer.parseInt(digits.group()) : 0;
    }

    /** Raw values ({@code -n}) of the selected tags ({@code "-gps:all"}, ...; none selects all). */
    public JsonNode tags(byte[] image, String... selection) {
        return readJson(image, true, selection);
    }

    /**
     * Everything in one run: all tags as {@link #tags}, plus the XMP packet ({@code XMP:XMP}) and the ICC profile
     * ({@code ICC_Profile:ICC_Profile}) as values; read them with {@link #bytesOf}.
     */
    public JsonNode allTags(byte[] image) {
        return readJson(image, true, "-b", "-all:all", "-XMP", "-ICC_Profile");
    }

    /**
     * As {@link #allTags(byte[])}, read from a file: exiftool reads a TIFF from a pipe only as far as it has buffered,
     * so tags stored after the image data (and GPS directories among them) are found only in a file.
     */
    public JsonNode allTags(Path file) {
        return readJson(null, file.toString(), true, "-b", "-all:all", "-XMP", "-ICC_Profile");
    }

    /** The bytes of a binary value from {@link #allTags}: exiftool prints valid UTF-8 as text, the rest as base64. */
    public static byte[] bytesOf(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return new byte[0];
        }
        String text = value.asText();
        return text.startsWith(BASE64) ? Base64.getDecoder().decode(text.substring(BASE64.length()))
                : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Printed values (no {@code -n}), e.g. {@code "Prohibited"} rather than {@code "DMI-PROHIBITED"}. */
    public JsonNode printedTags(byte[] image, String... selection) {
        return readJson(image, false, selection);
    }

    private JsonNode readJson(byte[] image, boolean raw, String... selection) {
        return readJson(image, "-", raw, selection);
    }

    private JsonNode readJson(byte[] image, String input, boolean raw, String... selection) {
        List<String> command = new ArrayList<>(List.of(executable, "-j", "-G1", "-a", "-struct"));
        if (raw) {
            command.add("-n");
        }
        command.addAll(List.of(selection));
        command.add(input);
        ExternalTool.Result result = ExternalTool.run(command, image).requireSuccess();
        try {
            JsonNode array = JSON.readTree(result.stdout());
            if (!array.isArray() || array.size() != 1) {
                return fail("exiftool -j did not print one object: " + result.describe());
            }
            return array.get(0);
        } catch (IOException e) {
            return fail("exiftool -j printed no JSON: " + result.describe(), e);
        }
    }

    /** What {@code exiftool -validate -warning -error -a} says about an image. */
    public Validation validate(byte[] image) {
        return validate(image, "-");
    }

    /** As {@link #validate(byte[])}, of a file (see {@link #allTags(Path)} for why TIFF needs one). */
    public Validation validate(Path file) {
        return validate(null, file.toString());
    }

    private Validation validate(byte[] image, String input) {
        ExternalTool.Result result =
                ExternalTool.run(List.of(executable, "-validate", "-warning", "-error", "-a", "-s", input), image);
        String summary = "";
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String line : result.out().split("\n")) {
            Matcher matcher = LINE.matcher(line.strip());
            if (!matcher.matches()) {
                continue;
            }
            switch (matcher.group(1)) {
                case "Validate" -> summary = matcher.group(2);
                case "Warning" -> warnings.add(matcher.group(2));
                case "Error" -> errors.add(matcher.group(2));
                default -> { }
            }
        }
        return new Validation(summary, warnings, errors);
    }

    /** The {@code Validate} summary ("OK", "2 Warnings") and each warning and error line. */
    public record Validation(String summary, List<String> warnings, List<String> errors) {

        public Validation {
            warnings = List.copyOf(warnings);
            errors = List.copyOf(errors);
        }
    }
}
