package org.imageguard.batch;

import java.util.Objects;

/**
 * What happened to one file of a batch.
 *
 * @param bytesBefore the input's size (0 for skipped and failed files)
 * @param bytesAfter  the output's size (the input's when unchanged)
 * @param reason      for a failure, why ({@code JPEG at offset 2: ...}); else the engine's outcome word
 * @param webpBytes   the size of the WebP copy written beside the result ({@code rewrite --webp}), 0 when none
 */
public record FileOutcome(InputFile file, Kind kind, long bytesBefore, long bytesAfter, String reason,
                          long webpBytes) {

    /** The four counters of the summary. */
    public enum Kind {
        /** The engine protected the image and the result was written. */
        REWRITTEN,
        /** An image the engine leaves as it is (unsupported format, over {@code max-image-size}). */
        UNCHANGED,
        /** Not an image (sniffed from the content, not the name). */
        SKIPPED,
        /** Unreadable, corrupt, or could not be written; the original is untouched. */
        FAILED
    }

    public FileOutcome {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public FileOutcome(InputFile file, Kind kind, long bytesBefore, long bytesAfter, String reason) {
        this(file, kind, bytesBefore, bytesAfter, reason, 0);
    }

    static FileOutcome skipped(InputFile file) {
        return new FileOutcome(file, Kind.SKIPPED, 0, 0, "not an image");
    }

    static FileOutcome failed(InputFile file, String reason) {
        return new FileOutcome(file, Kind.FAILED, 0, 0, reason);
    }
}
