package org.imageguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What counts as a privacy leak in exiftool's view of a file ({@link ExifTool#allTags}): any GPS tag, serial number or
 * owner name, in whatever group it hides.
 *
 * <pre>{@code
 * assertThat(PrivateMetadata.keysIn(exiftool.allTags(output))).isEmpty();
 * }</pre>
 */
public final class PrivateMetadata {

    private PrivateMetadata() {
    }

    /**
     * The keys ({@code Group:Name}) of private tags. Matching inside the name covers the GPS IFD, XMP-exif:GPS*,
     * Composite:GPS*, and ImageMagick's PNG text copies such as PNG:ExifGPSLatitude, PNG:ExifBodySerialNumber and
     * PNG:ExifCameraOwnerName.
     */
    public static List<String> keysIn(JsonNode tags) {
        List<String> keys = new ArrayList<>();
        tags.fieldNames().forEachRemaining(key -> {
            String name = key.substring(key.indexOf(':') + 1);
            if (name.contains("GPS") || name.endsWith("SerialNumber") || name.endsWith("OwnerName")) {
                keys.add(key);
            }
        });
        return keys;
    }
}
