package org.imageguard.batch;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts of a batch and its bytes before and after. Bytes are those of the images (rewritten and unchanged):
 * skipped and failed files produce no output to compare.
 *
 * <pre>{@code
 * BatchSummary summary = new BatchSummary();
 * outcomes.forEach(summary::add);
 * out.println(summary);  // files 4, rewritten 2, unchanged 0, skipped 1 (not images), failed 1, bytes 2048 → 1900 (−7.2%)
 * }</pre>
 */
public final class BatchSummary {

    private final Map<FileOutcome.Kind, Integer> counts = new EnumMap<>(FileOutcome.Kind.class);
    private final List<String> notRewritten = new ArrayList<>();
    private long bytesBefore;
    private long bytesAfter;
    private int webpCopies;
    private long webpBytes;

    public void add(FileOutcome outcome) {
        counts.merge(outcome.kind(), 1, Integer::sum);
        bytesBefore += outcome.bytesBefore();
        bytesAfter += outcome.bytesAfter();
        if (outcome.webpBytes() > 0) {
            webpCopies++;
            webpBytes += outcome.webpBytes();
        }
        if (outcome.kind() != FileOutcome.Kind.REWRITTEN) {
            notRewritten.add(outcome.file().source() + ": " + why(outcome));
        }
    }

    /** Adds a failure that belongs to no file of the list (a directory that could not be read). */
    public void addFailure(String message) {
        counts.merge(FileOutcome.Kind.FAILED, 1, Integer::sum);
        notRewritten.add(message);
    }

    /**
     * One {@code path: why} line per file that was not rewritten, in the order of the run: nothing leaves without
     * being named (an unsupported AVIF, a text file, a failure).
     */
    public List<String> notRewritten() {
        return List.copyOf(notRewritten);
    }

    private static String why(FileOutcome outcome) {
        return switch (outcome.kind()) {
            case SKIPPED -> "not an image";
            case UNCHANGED -> "image left unchanged (" + outcome.reason() + ")";
            case FAILED -> "failed: " + outcome.reason();
            case REWRITTEN -> "rewritten";
        };
    }

    public int count(FileOutcome.Kind kind) {
        return counts.getOrDefault(kind, 0);
    }

    public int files() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public long bytesBefore() {
        return bytesBefore;
    }

    public long bytesAfter() {
        return bytesAfter;
    }

    /** The summary line {@code rewrite} prints. */
    @Override
    public String toString() {
        return "files " + files() + ", rewritten " + count(FileOutcome.Kind.REWRITTEN)
                + ", unchanged " + count(FileOutcome.Kind.UNCHANGED)
                + ", skipped " + count(FileOutcome.Kind.SKIPPED) + " (not images)"
                + ", failed " + count(FileOutcome.Kind.FAILED)
                + ", bytes " + bytesBefore + " → " + bytesAfter + " (" + change() + ")"
                + (webpCopies > 0 ? ", WebP copies " + webpCopies + " (" + webpBytes + " bytes)" : "");
    }

    /** WebP copies written beside the results ({@code rewrite --webp}). */
    public int webpCopies() {
        return webpCopies;
    }

    /** Relative size change with a typographic sign: {@code −7.2%}, {@code +0.4%}, {@code 0.0%}. */
    private String change() {
        if (bytesBefore == 0 || bytesAfter == bytesBefore) {
            return "0.0%";
        }
        double percent = 100.0 * (bytesAfter - bytesBefore) / bytesBefore;
        String magnitude = String.format(Locale.ROOT, "%.1f%%", Math.abs(percent));
        return (percent < 0 ? "−" : "+") + magnitude;
    }
}
