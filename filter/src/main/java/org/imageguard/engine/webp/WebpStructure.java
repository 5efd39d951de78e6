package org.imageguard.engine.webp;

import static org.imageguard.engine.webp.WebpChunkReader.error;

import java.util.ArrayList;
import java.util.List;

/**
 * A WebP file's chunks sorted into the groups the container spec orders them by (RFC 9649 §2.7: VP8X, ICCP, ANIM,
 * image data, EXIF, XMP), plus the chunks it does not know. The order of chunks within a group is the file's.
 *
 * <pre>{@code
 * WebpStructure webp = WebpStructure.of(file, WebpChunkReader.read(file));
 * if (webp.extended()) { ... webp.vp8x() ... }
 * }</pre>
 *
 * @param vp8x    the extended header, or null for a simple (VP8 / VP8L only) file
 * @param canvas  from VP8X when present, else from the frame header of the simple file's bitstream
 * @param unknown chunks with a FourCC the spec does not define, kept in file order
 */
record WebpStructure(WebpChunk vp8x, WebpCanvas canvas, List<WebpChunk> iccp, List<WebpChunk> anim,
                     List<WebpChunk> image, List<WebpChunk> unknown, List<WebpChunk> exif, List<WebpChunk> xmp) {

    static WebpStructure of(byte[] file, List<WebpChunk> chunks) {
        WebpChunk first = chunks.get(0);
        Groups groups = new Groups();
        for (WebpChunk chunk : chunks.subList(1, chunks.size())) {
            groups.add(chunk);
        }
        if (first.is(WebpChunk.VP8X)) {
            if (groups.image.isEmpty()) {
                throw error(first.payloadOffset(), "expected image data (VP8, VP8L or ANMF) after VP8X, found none");
            }
            return groups.build(first, WebpCanvas.ofVp8x(file, first));
        }
        WebpCanvas canvas = simpleCanvas(file, first);
        if (!groups.anim.isEmpty() || groups.image.stream().anyMatch(c -> c.is(WebpChunk.ANMF))) {
            throw error(first.payloadOffset(), "expected no animation chunks in a simple (non-VP8X) file, found some");
        }
        // A still image's alpha plane precedes its bitstream; a stray ALPH after a simple VP8 moves in front of it.
        groups.image.add(groups.image.stream().anyMatch(c -> c.is(WebpChunk.ALPH)) ? groups.image.size() : 0, first);
        return groups.build(null, canvas);
    }

    private static WebpCanvas simpleCanvas(byte[] file, WebpChunk first) {
        if (first.is(WebpChunk.VP8)) {
            return WebpCanvas.ofVp8(file, first);
        }
        if (first.is(WebpChunk.VP8L)) {
            return WebpCanvas.ofVp8l(file, first);
        }
        throw error(first.payloadOffset() - WebpChunkReader.CHUNK_HEADER_SIZE,
                "expected a first chunk 'VP8X', 'VP8 ' or 'VP8L', found '" + printable(first.fourCc()) + "'");
    }

    boolean extended() {
        return vp8x != null;
    }

    /** Number of animation frames, 1 for a still image. */
    int frames() {
        int frames = (int) image.stream().filter(c -> c.is(WebpChunk.ANMF)).count();
        return Math.max(frames, 1);
    }

    boolean hasAlphaChunk() {
        return image.stream().anyMatch(c -> c.is(WebpChunk.ALPH));
    }

    /** A FourCC safe to print in a message or a report: non-printable bytes become '?'. */
    static String printable(String fourCc) {
        StringBuilder text = new StringBuilder(fourCc.length());
        fourCc.chars().forEach(c -> text.append(c >= 0x20 && c < 0x7F ? (char) c : '?'));
        return text.toString();
    }

    private static final class Groups {
        private final List<WebpChunk> iccp = new ArrayList<>();
        private final List<WebpChunk> anim = new ArrayList<>();
        private final List<WebpChunk> image = new ArrayList<>();
        private final List<WebpChunk> unknown = new ArrayList<>();
        private final List<WebpChunk> exif = new ArrayList<>();
        private final List<WebpChunk> xmp = new ArrayList<>();

        void add(WebpChunk chunk) {
            if (chunk.is(WebpChunk.VP8X)) {
                throw error(chunk.payloadOffset() - WebpChunkReader.CHUNK_HEADER_SIZE,
                        "expected VP8X only as the first chunk, found another");
            }
            groupOf(chunk).add(chunk);
        }

        private List<WebpChunk> groupOf(WebpChunk chunk) {
            if (chunk.isImageData()) {
                return image;
            }
            return switch (chunk.fourCc()) {
                case WebpChunk.ICCP -> iccp;
                case WebpChunk.ANIM -> anim;
                case WebpChunk.EXIF -> exif;
                case WebpChunk.XMP -> xmp;
                default -> unknown;
            };
        }

        WebpStructure build(WebpChunk vp8x, WebpCanvas canvas) {
            return new WebpStructure(vp8x, canvas, List.copyOf(iccp), List.copyOf(anim), List.copyOf(image),
                    List.copyOf(unknown), List.copyOf(exif), List.copyOf(xmp));
        }
    }
}
