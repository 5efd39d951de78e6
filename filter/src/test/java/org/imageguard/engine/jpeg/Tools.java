package org.imageguard.engine.jpeg;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.Images;

/** What jpeginfo and exiftool's validation say about a JPEG held in memory. */
final class Tools {

    private Tools() {
    }

    /** jpeginfo's verdict line, e.g. {@code "... OK"} or {@code "... ERROR ..."}. */
    static String jpeginfo(byte[] jpeg) {
        return ExternalTool.run(List.of("jpeginfo", "-c", ExternalTool.tempFile(jpeg, ".jpg").toString()), null)
                .out().strip();
    }

    /** The Warning and Error lines of {@code exiftool -validate -warning -a}. */
    static Set<String> warnings(byte[] jpeg) {
        String out = Images.exiftool(jpeg, "-validate", "-warning", "-error", "-a", "-s").out();
        Set<String> lines = new TreeSet<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("Warning") || line.startsWith("Error")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }
}
