package org.imageguard.engine.jpeg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.imageguard.testing.ExternalTool;

/** What exiftool, ImageMagick and jpeginfo say about a JPEG held in memory. */
final class Tools {

    private final Path dir;
    private int files;

    Tools(Path dir) {
        this.dir = dir;
    }

    Path write(byte[] jpeg) {
        try {
            Path file = dir.resolve("image-" + files++ + ".jpg");
            Files.write(file, jpeg);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** jpeginfo's verdict line, e.g. {@code "... OK"} or {@code "... ERROR ..."}. */
    String jpeginfo(byte[] jpeg) {
        return ExternalTool.run(List.of(ExternalTool.require("jpeginfo").toString(), "-c", write(jpeg).toString()), null)
                .out().strip();
    }

    /** The decoded pixels as 8-bit RGB, as ImageMagick sees them. */
    byte[] pixels(byte[] jpeg) {
        ExternalTool.Result r = ExternalTool.run(
                List.of(ExternalTool.require("convert").toString(), write(jpeg).toString(), "-depth", "8", "rgb:-"), null);
        if (r.exitCode() != 0) {
            throw new AssertionError("convert failed: " + r.stderr());
        }
        return r.stdout();
    }

    /** The Warning and Error lines of {@code exiftool -validate -warning -a}. */
    Set<String> warnings(byte[] jpeg) {
        String out = exiftool(jpeg, "-validate", "-warning", "-error", "-a", "-s").out();
        Set<String> lines = new TreeSet<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("Warning") || line.startsWith("Error")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /** {@code exiftool -b -<tag>}: the tag's raw bytes, empty when absent. */
    byte[] binaryTag(byte[] jpeg, String tag) {
        return exiftool(jpeg, "-b", "-" + tag).stdout();
    }

    ExternalTool.Result exiftool(byte[] jpeg, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ExternalTool.require("exiftool").toString());
        command.addAll(List.of(args));
        command.add(write(jpeg).toString());
        return ExternalTool.run(command, null);
    }
}
