package org.imageguard.engine.png;

import java.io.ByteArrayOutputStream;

import org.imageguard.engine.FormatRewriter;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.io.Bytes;
import org.imageguard.engine.io.GatheredOutput;

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
        return rewriteGathered(input, input.length, plan, report).toByteArray();
    }

    @Override
    public GatheredOutput rewriteGathered(byte[] input, int length, MetadataPlan plan, RewriteReport.Builder report) {
        PngFile png = PngChunkReader.read(input, length);
        report.format(ImageFormat.PNG).dimensions(png.width(), png.height());
        byte[] existing = PngMetadataReader.xmp(png, problem -> report.removed("PNG " + problem));
        byte[] packet = plan.standardXmp(existing);
        byte[] exif = cleanExif(png, plan, report);
        PngChunkPolicy policy = new PngChunkPolicy(plan.strip());
        // Kept chunks by reference, copied once into the result: a growing buffer and its trimmed copy would be two
        // image-sized arrays more for every PNG.
        GatheredOutput out = new GatheredOutput();
        out.add(PngChunkReader.SIGNATURE);
        for (PngChunk chunk : png.chunks()) {
            PngChunkPolicy.Decision decision = policy.decide(input, chunk);
            if (decision.action() == PngChunkPolicy.Action.COPY) {
                out.add(input, chunk.offset(), chunk.end() - chunk.offset());
            } else if (decision.action() == PngChunkPolicy.Action.DROP) {
                report.removed("PNG " + decision.removed());
            }
            if (chunk.is("IHDR")) {
                out.add(chunk("iTXt", PngText.xmpChunkData(packet)));
                if (exif != null) {
                    out.add(chunk("eXIf", exif));
                }
            }
        }
        if (png.trailingBytes() > 0) {
            report.removed("PNG " + png.trailingBytes() + " bytes after IEND");
        }
        return out;
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

    /** A whole chunk: length, type, {@code data}, CRC. */
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
