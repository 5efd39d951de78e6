package org.imageguard.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What one rewrite did: the format, the picture's size, what was removed and added (short human phrases such as
 * {@code "EXIF GPS (7 tags)"} or {@code "XMP plus:DataMining"}), and the byte counts.
 *
 * @param outcome {@code rewritten}, or the word saying why the image was left as it was ({@code unsupported},
 *                {@code too-large}, {@code no-transform}, {@code error})
 */
public record RewriteReport(ImageFormat format, int width, int height, String outcome, List<String> removed,
                            List<String> added, long bytesBefore, long bytesAfter) {

    public static final String REWRITTEN = "rewritten";

    public RewriteReport {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }

    public boolean rewritten() {
        return REWRITTEN.equals(outcome);
    }

    /** This report with {@code notes} added after its own and the output's size now {@code bytesAfter}. */
    public RewriteReport withMore(List<String> notes, long bytesAfter) {
        List<String> all = new ArrayList<>(added);
        all.addAll(notes);
        return new RewriteReport(format, width, height, outcome, removed, all, bytesBefore, bytesAfter);
    }

    /** Collects a report while a rewrite runs. Not thread-safe: one builder per rewrite. */
    public static final class Builder {
        private ImageFormat format = ImageFormat.UNKNOWN;
        private int width;
        private int height;
        private final List<String> removed = new ArrayList<>();
        private final List<String> added = new ArrayList<>();

        public Builder format(ImageFormat format) {
            this.format = format;
            return this;
        }

        public Builder dimensions(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        public Builder removed(String what) {
            removed.add(what);
            return this;
        }

        public Builder added(String what) {
            added.add(what);
            return this;
        }

        /** A builder holding what this one holds so far: a second output of the same image goes on from there. */
        public Builder copy() {
            Builder copy = new Builder().format(format).dimensions(width, height);
            copy.removed.addAll(removed);
            copy.added.addAll(added);
            return copy;
        }

        public RewriteReport build(String outcome, long bytesBefore, long bytesAfter) {
            return new RewriteReport(format, width, height, outcome, removed, added, bytesBefore, bytesAfter);
        }
    }
}
