package org.imageguard.engine.webp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.imageguard.config.StripMode;
import org.imageguard.engine.FormatRewriter;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.io.GatheredOutput;

/**
 * Embeds XMP in WebP and cleans its EXIF at chunk level; the bitstreams (VP8, VP8L, ALPH, ANMF) and the ICCP and ANIM
 * chunks are copied byte for byte, so pixels, colours and animation are untouched.
 *
 * <p>What the output holds, in the order RFC 9649 §2.7 asks for: a VP8X header (made from the frame header when the
 * input was a simple VP8/VP8L file; XMP flag set, EXIF flag set only when EXIF survives), ICCP, ANIM, the image data,
 * the unknown chunks, the cleaned EXIF, one XMP chunk from {@link MetadataPlan#xmp}. Unknown chunks are kept under
 * {@code strip: none} and {@code privacy} (the spec asks editors to preserve them, and we cannot tell what is private
 * in them) and dropped under {@code strip: all}. Only the first EXIF and the first XMP chunk are read; duplicates are
 * dropped.
 *
 * <pre>{@code
 * byte[] out = new WebpRewriter().rewrite(webp, plan, new RewriteReport.Builder());
 * }</pre>
 */
public final class WebpRewriter implements FormatRewriter {

    /** Some writers put the JPEG APP1 identifier before the TIFF structure; the spec says the payload is TIFF alone. */
    private static final byte[] EXIF_PREFIX = {'E', 'x', 'i', 'f', 0, 0};

    @Override
    public ImageFormat format() {
        return ImageFormat.WEBP;
    }

    @Override
    public byte[] rewrite(byte[] input, MetadataPlan plan, RewriteReport.Builder report) {
        return rewriteGathered(input, input.length, plan, report).toByteArray();
    }

    @Override
    public GatheredOutput rewriteGathered(byte[] input, int length, MetadataPlan plan, RewriteReport.Builder report) {
        WebpStructure webp = WebpStructure.of(input, WebpChunkReader.read(input, length));
        report.format(ImageFormat.WEBP).dimensions(webp.canvas().width(), webp.canvas().height());
        byte[] exif = webp.exif().isEmpty() ? null : cleanExif(input, webp.exif().get(0), plan, report);
        byte[] existingXmp = webp.xmp().isEmpty() ? null : webp.xmp().get(0).payload(input);
        byte[] xmp = plan.standardXmp(existingXmp);
        reportDuplicates(webp, report);

        WebpChunkWriter out = new WebpChunkWriter();
        out.chunk(WebpChunk.VP8X, vp8x(input, webp, exif != null, report));
        webp.iccp().forEach(chunk -> out.copy(input, chunk));
        webp.anim().forEach(chunk -> out.copy(input, chunk));
        webp.image().forEach(chunk -> out.copy(input, chunk));
        for (WebpChunk chunk : webp.unknown()) {
            if (plan.strip() == StripMode.ALL) {
                report.removed("WebP chunk '" + WebpStructure.printable(chunk.fourCc()) + "'");
            } else {
                out.copy(input, chunk);
            }
        }
        if (exif != null) {
            out.chunk(WebpChunk.EXIF, exif);
        }
        out.chunk(WebpChunk.XMP, xmp);
        return out.gathered();
    }

    @Override
    public ImageMetadata read(byte[] input) {
        WebpStructure webp = WebpStructure.of(input, WebpChunkReader.read(input));
        byte[] xmp = webp.xmp().isEmpty() ? null : webp.xmp().get(0).payload(input);
        byte[] exif = webp.exif().isEmpty() ? null : withoutPrefix(webp.exif().get(0).payload(input));
        List<String> others = new ArrayList<>();
        if (exif != null && !isTiff(exif)) {
            others.add("EXIF chunk, not a TIFF structure");
            exif = null;
        }
        webp.iccp().forEach(chunk -> others.add("ICCP ICC profile"));
        webp.anim().forEach(chunk -> others.add("ANIM animation"));
        webp.unknown().forEach(chunk -> others.add(WebpStructure.printable(chunk.fourCc()) + " unknown chunk"));
        return new ImageMetadata(ImageFormat.WEBP, webp.canvas().width(), webp.canvas().height(), webp.frames(), xmp,
                exif, others);
    }

    /** The plan's cleaned TIFF structure, or null to drop the chunk. Unreadable EXIF survives only strip: none. */
    private static byte[] cleanExif(byte[] input, WebpChunk chunk, MetadataPlan plan, RewriteReport.Builder report) {
        byte[] payload = chunk.payload(input);
        byte[] tiff = withoutPrefix(payload);
        if (!isTiff(tiff)) {
            if (plan.strip() == StripMode.NONE) {
                return payload;
            }
            report.removed("EXIF (not a TIFF structure)");
            return null;
        }
        byte[] cleaned = plan.cleanExif(tiff);
        if (cleaned == null) {
            report.removed("EXIF chunk");
        }
        return cleaned;
    }

    private static byte[] vp8x(byte[] input, WebpStructure webp, boolean exif, RewriteReport.Builder report) {
        byte[] payload;
        int flags;
        if (webp.extended()) {
            // Reserved bytes and any bytes past the ten the spec defines are copied as they are.
            payload = webp.vp8x().payload(input);
            flags = payload[0] & 0xFF;
        } else {
            flags = webp.iccp().isEmpty() ? 0 : WebpCanvas.FLAG_ICC;
            if (webp.canvas().alpha() || webp.hasAlphaChunk()) {
                flags |= WebpCanvas.FLAG_ALPHA;
            }
            payload = webp.canvas().vp8xPayload(0);
            report.added("WebP VP8X extended header");
        }
        flags = exif ? flags | WebpCanvas.FLAG_EXIF : flags & ~WebpCanvas.FLAG_EXIF;
        payload[0] = (byte) (flags | WebpCanvas.FLAG_XMP);
        return payload;
    }

    private static void reportDuplicates(WebpStructure webp, RewriteReport.Builder report) {
        for (int i = 1; i < webp.exif().size(); i++) {
            report.removed("duplicate EXIF chunk");
        }
        for (int i = 1; i < webp.xmp().size(); i++) {
            report.removed("duplicate XMP chunk");
        }
    }

    private static byte[] withoutPrefix(byte[] exif) {
        boolean prefixed = exif.length >= EXIF_PREFIX.length
                && Arrays.equals(exif, 0, EXIF_PREFIX.length, EXIF_PREFIX, 0, EXIF_PREFIX.length);
        return prefixed ? Arrays.copyOfRange(exif, EXIF_PREFIX.length, exif.length) : exif;
    }

    private static boolean isTiff(byte[] tiff) {
        return tiff.length >= 8 && (tiff[0] == 'I' && tiff[1] == 'I' && tiff[2] == 42 && tiff[3] == 0
                || tiff[0] == 'M' && tiff[1] == 'M' && tiff[2] == 0 && tiff[3] == 42);
    }
}
