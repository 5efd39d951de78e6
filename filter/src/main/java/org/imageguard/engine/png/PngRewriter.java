package org.imageguard.engine.png;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.imageguard.engine.FormatRewriter;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.io.Bytes;

/**
 * PNG metadata surgery at chunk level: the pixels (IDAT, fdAT) and every chunk that shapes the picture are copied
 * byte for byte, so the output decodes to exactly the same pixels and animation.
 *
 * <p>The output is the signature, IHDR, one uncompressed {@code iTXt XML:com.adobe.xmp} with the plan's packet
 * (right after IHDR, as Adobe writes it, so before PLTE, acTL and IDAT), the plan's cleaned eXIf (moved there: some
 * readers ignore an eXIf after IDAT), then the remaining chunks in their order, filtered by {@link PngChunkPolicy}.
 * Bytes after IEND are always dropped: no decoder reads them and they can hide anything (appended archives, tracking
 * data).
 *
 * <pre>{@code
 * RewriteReport.Builder report = new RewriteReport.Builder();
 * byte[] out = new PngRewriter().rewrite(pngBytes, plan, report);
 * }</pre>
 */
public final class PngRewriter implements FormatRewriter {

    @Override
    public ImageFormat format() {
        return ImageFormat.PNG;
    }

    @Override
    public byte[] rewrite(byte[] input, MetadataPlan plan, RewriteReport.Builder report) {
        PngFile png = PngChunkReader.read(input);
        report.format(ImageFormat.PNG).dimensions(png.width(), png.height());
        byte[] existing = PngMetadataReader.xmp(png, problem -> report.removed("PNG " + problem));
        byte[] packet = plan.standardXmp(existing);
        byte[] exif = cleanExif(png, plan, report);
        PngChunkPolicy policy = new PngChunkPolicy(plan.strip());
        // What goes out, as ranges of the input and new chunks, so that the output is allocated once at its size and
        // every byte is copied once.
        List<Range> pieces = new ArrayList<>();
        pieces.add(new Range(PngChunkReader.SIGNATURE, 0, PngChunkReader.SIGNATURE.length));
        for (PngChunk chunk : png.chunks()) {
            PngChunkPolicy.Decision decision = policy.decide(input, chunk);
            if (decision.action() == PngChunkPolicy.Action.COPY) {
                pieces.add(new Range(input, chunk.offset(), chunk.end() - chunk.offset()));
            } else if (decision.action() == PngChunkPolicy.Action.DROP) {
                report.removed("PNG " + decision.removed());
            }
            if (chunk.is("IHDR")) {
                pieces.add(Range.of(chunk("iTXt", PngText.xmpChunkData(packet))));
                if (exif != null) {
                    pieces.add(Range.of(chunk("eXIf", exif)));
                }
            }
        }
        if (png.trailingBytes() > 0) {
            report.removed("PNG " + png.trailingBytes() + " bytes after IEND");
        }
        return Range.concatenate(pieces);
    }

    /** Bytes {@code [from, from + length)} of {@code source}. */
    private record Range(byte[] source, int from, int length) {
        static Range of(byte[] whole) {
            return new Range(whole, 0, whole.length);
        }

        static byte[] concatenate(List<Range> ranges) {
            long size = 0;
            for (Range range : ranges) {
                size += range.length;
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("rewritten PNG larger than 2 GB");
            }
            byte[] out = new byte[(int) size];
            int at = 0;
            for (Range range : ranges) {
                System.arraycopy(range.source, range.from, out, at, range.length);
                at += range.length;
            }
            return out;
        }
    }

    @Override
    public ImageMetadata read(byte[] input) {
        return PngMetadataReader.read(PngChunkReader.read(input));
    }

    /**
     * The plan's cleaned version of the first eXIf, or null to write none. It goes right after our iTXt, whatever
     * its place was: eXIf after IDAT is ignored by some readers (the PNG 1.5 extensions put it before IDAT).
     */
    private static byte[] cleanExif(PngFile png, MetadataPlan plan, RewriteReport.Builder report) {
        for (PngChunk chunk : png.chunks()) {
            if (chunk.is("eXIf") && chunk.crcValid()) {
                byte[] tiff = PngMetadataReader.tiff(chunk.data(png.bytes()));
                if (tiff == null) {
                    report.removed("PNG eXIf without a TIFF header");
                    return null;
                }
                return plan.cleanExif(tiff);
            }
        }
        return null;
    }

    /** Writes a whole chunk: length, type, data and the CRC-32 of type and data. */
    static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(chunk(type, data));
    }

    /** A whole chunk: length, type, data and the CRC-32 of type and data. */
    static byte[] chunk(String type, byte[] data) {
        byte[] chunk = new byte[data.length + PngChunk.OVERHEAD];
        Bytes.putU32be(chunk, 0, data.length);
        for (int i = 0; i < 4; i++) {
            chunk[4 + i] = (byte) type.charAt(i);
        }
        System.arraycopy(data, 0, chunk, 8, data.length);
        Bytes.putU32be(chunk, 8 + data.length, PngChunkReader.crc(chunk, 4, 4 + data.length));
        return chunk;
    }
}
