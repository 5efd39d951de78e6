package org.imageguard.engine.png;

import java.util.Set;

import org.imageguard.config.StripMode;

/**
 * What happens to each chunk, by type (and keyword for text chunks) and strip mode.
 *
 * <ul>
 *   <li>Chunks that shape the picture or the animation are always copied byte for byte, as are unknown critical
 *       chunks (a decoder that needs them must still see them).</li>
 *   <li>The first XMP iTXt and the first eXIf are {@link Action#REPLACED} by the plan's versions; further ones are
 *       dropped (the PNG specification allows one of each).</li>
 *   <li>Text chunks and {@code tIME} are dropped under {@code privacy} and {@code all}, except {@code Copyright},
 *       which {@code privacy} keeps (the spec keeps the copyright). "Raw profile type exif/APP1/iptc/8bim" (EXIF and
 *       IPTC hex-dumped by ImageMagick) go with them. "Raw profile type xmp" is always dropped: a second XMP packet
 *       could contradict ours.</li>
 *   <li>{@code caBX} (C2PA manifest) is dropped under {@code privacy}/{@code all}: it names people, and any rewrite
 *       breaks its hash binding anyway. Other unknown ancillary chunks survive {@code privacy} (they may be
 *       rendering hints such as ImageMagick's {@code vpAg}) and are dropped under {@code all}.</li>
 *   <li>An ancillary chunk with a bad CRC is dropped: decoders ignore it too.</li>
 * </ul>
 */
final class PngChunkPolicy {

    /** COPY byte for byte; DROP and report; REPLACED by what the rewriter writes after IHDR (XMP, cleaned eXIf). */
    enum Action { COPY, DROP, REPLACED }

    /** What to do with a chunk and, for {@link Action#DROP}, how the report names it. */
    record Decision(Action action, String removed) {
        static final Decision COPY = new Decision(Action.COPY, null);
        static final Decision REPLACED = new Decision(Action.REPLACED, null);
    }

    private static final Set<String> PICTURE = Set.of(
            "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "hIST",
            "sPLT", "cICP", "mDCV", "cLLI", "acTL", "fcTL", "fdAT", "oFFs", "pCAL", "sCAL", "sTER");
    private static final Set<String> RAW_PROFILES = Set.of(
            "Raw profile type exif", "Raw profile type APP1", "Raw profile type iptc", "Raw profile type 8bim");

    private final StripMode strip;
    private boolean xmpSeen;
    private boolean exifSeen;

    /** One policy per rewrite: it remembers whether it has seen the XMP and the eXIf. */
    PngChunkPolicy(StripMode strip) {
        this.strip = strip;
    }

    /** Whether a chunk type shapes the picture or the animation (always copied, never reported as metadata). */
    static boolean shapesPicture(String type) {
        return PICTURE.contains(type);
    }

    Decision decide(byte[] file, PngChunk chunk) {
        String type = chunk.type();
        if (PICTURE.contains(type)) {
            return Decision.COPY;
        }
        if (!chunk.crcValid()) {
            return drop(type + " with a bad CRC");
        }
        if (PngText.isText(chunk)) {
            return text(type, PngText.keyword(file, chunk), PngText.isXmp(file, chunk));
        }
        if (type.equals("eXIf")) {
            if (exifSeen) {
                return drop("eXIf (a second one)");
            }
            exifSeen = true;
            return Decision.REPLACED;
        }
        if (chunk.critical()) {
            return Decision.COPY;
        }
        if (type.equals("tIME")) {
            return strip == StripMode.NONE ? Decision.COPY : drop("tIME modification time");
        }
        if (type.equals("caBX")) {
            return strip == StripMode.NONE ? Decision.COPY : drop("caBX C2PA manifest");
        }
        return strip == StripMode.ALL ? drop(type) : Decision.COPY;
    }

    private Decision text(String type, String keyword, boolean xmp) {
        if (xmp) {
            if (xmpSeen) {
                return drop(type + " " + keyword + " (a second XMP packet)");
            }
            xmpSeen = true;
            return Decision.REPLACED;
        }
        String name = type + " " + keyword;
        if (keyword.equals("Raw profile type xmp")) {
            return drop(name);
        }
        if (strip == StripMode.NONE || strip == StripMode.PRIVACY && keyword.equals("Copyright")) {
            return Decision.COPY;
        }
        return drop(RAW_PROFILES.contains(keyword) ? name + " (hex-encoded metadata)" : name);
    }

    private static Decision drop(String what) {
        return new Decision(Action.DROP, what);
    }
}
