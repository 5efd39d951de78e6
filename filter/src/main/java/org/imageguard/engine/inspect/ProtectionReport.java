package org.imageguard.engine.inspect;

import org.imageguard.config.DataMining;
import org.imageguard.engine.ImageFormat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What protection one image carries, as {@code inspect} prints it.
 *
 * <pre>{@code
 * ProtectionReport report = inspector.inspect(metadata);
 * if (!report.prohibitsDataMining()) { warn(report.format() + " image carries no DataMining prohibition"); }
 * }</pre>
 *
 * @param dataMining      the {@code plus:DataMining} code ({@code DMI-PROHIBITED}, ...) however it was written (element
 *                        text, {@code rdf:resource}, bare code); the raw value when it is not a current code (an
 *                        obsolete draft code, a typo); null when the image carries none
 * @param rights          rights fields found, by name ({@code dc:rights}, {@code xmpRights:WebStatement},
 *                        {@code EXIF Copyright}, ...), in a stable order
 * @param privacyFindings privacy-sensitive metadata present ({@code EXIF GPS}, {@code XMP location},
 *                        {@code EXIF serial numbers}, ...), plus {@code XMP unreadable} / {@code EXIF unreadable} when
 *                        a record could not be examined and so may hold anything
 */
public record ProtectionReport(ImageFormat format, int width, int height, int frames, String dataMining,
                               Map<String, String> rights, List<String> privacyFindings) {

    public ProtectionReport {
        rights = Collections.unmodifiableMap(new LinkedHashMap<>(rights));
        privacyFindings = List.copyOf(privacyFindings);
    }

    /** Whether the image says "no AI training" in any form. */
    public boolean prohibitsDataMining() {
        return DataMining.fromCode(dataMining).map(DataMining::prohibits).orElse(false);
    }
}
