package org.imageguard.engine.jxl;

import java.util.Arrays;
import java.util.List;

import org.imageguard.config.StripMode;
import org.imageguard.engine.FormatRewriter;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.exif.ExifOffsetPayload;
import org.imageguard.engine.io.GatheredOutput;

/**
 * Protects a JPEG XL container by rewriting its box list: the {@code Exif} box goes through the EXIF whitelist
 * (orientation kept; dropped when nothing is left), the {@code xml } box is replaced with ours (added before the
 * codestream when there was none, later ones dropped), and {@code brob} boxes (Brotli-compressed metadata we cannot
 * inspect) are dropped unless {@code strip: none}. The codestream boxes ({@code jxlc}, {@code jxlp}) and every other
 * box are copied byte for byte. A bare codestream has no place for metadata: it is not this rewriter's (the sniffer
 * names it {@link ImageFormat#JXL_CODESTREAM}, an unsupported format).
 *
 * <pre>{@code
 * byte[] out = new JxlRewriter().rewrite(jxl, plan, new RewriteReport.Builder());
 * }</pre>
 */
public final class JxlRewriter implements FormatRewriter {

    @Override
    public ImageFormat format() {
        return ImageFormat.JXL;
    }

    @Override
    public byte[] rewrite(byte[] input, MetadataPlan plan, RewriteReport.Builder report) {
        List<JxlBox> boxes = JxlContainer.boxes(input);
        report.format(ImageFormat.JXL);
        byte[] existingXmp = payloadOf(input, boxes, "xml ");
        byte[] xmpBox = box("xml ", plan.standardXmp(existingXmp));
        if (existingXmp == null) {
            report.added("JXL xml box");
        }
        // Boxes by reference, copied once into an exact array: the input and the output are the only image-sized arrays.
        GatheredOutput out = new GatheredOutput();
        boolean xmpWritten = false;
        for (JxlBox box : boxes) {
            switch (box.type()) {
                case "xml " -> {
                    if (!xmpWritten) {
                        out.add(xmpBox);
                        xmpWritten = true;
                    }
                }
                case "Exif" -> out.add(cleanExif(input, box, plan, report));
                case "brob" -> {
                    if (plan.strip() == StripMode.NONE && !compressedType(input, box).equals("xml ")) {
                        copy(input, box, out);
                    } else {
                        report.removed("JXL compressed box (brob " + compressedType(input, box).trim() + ")");
                    }
                }
                case "jxlc", "jxlp" -> {
                    if (!xmpWritten) {
                        // Before the codestream, where a streaming reader finds it first.
                        out.add(xmpBox);
                        xmpWritten = true;
                    }
                    copy(input, box, out);
                }
                default -> copy(input, box, out);
            }
        }
        if (!xmpWritten) {
            out.add(xmpBox);
        }
        return out.toByteArray();
    }

    @Override
    public ImageMetadata read(byte[] input) {
        List<JxlBox> boxes = JxlContainer.boxes(input);
        byte[] exif = payloadOf(input, boxes, "Exif");
        return new ImageMetadata(ImageFormat.JXL, 0, 0, 1, payloadOf(input, boxes, "xml "),
                exif == null ? null : ExifOffsetPayload.tiff(exif),
                boxes.stream().filter(b -> b.type().equals("brob")).map(b -> "JXL brob " + compressedType(input, b))
                        .toList());
    }

    /** The Exif box, cleaned: a 4-byte offset to the TIFF header, then the TIFF structure. Empty to drop it. */
    private static byte[] cleanExif(byte[] input, JxlBox box, MetadataPlan plan, RewriteReport.Builder report) {
        byte[] payload = Arrays.copyOfRange(input, (int) box.dataStart(), (int) box.end());
        byte[] tiff = ExifOffsetPayload.tiff(payload);
        byte[] cleaned = tiff == null ? null : plan.cleanExif(tiff);
        if (cleaned == null) {
            report.removed("JXL Exif box");
            return new byte[0];
        }
        byte[] withOffset = new byte[4 + cleaned.length];
        System.arraycopy(cleaned, 0, withOffset, 4, cleaned.length);
        return box("Exif", withOffset);
    }

    private static byte[] payloadOf(byte[] input, List<JxlBox> boxes, String type) {
        for (JxlBox box : boxes) {
            if (box.type().equals(type)) {
                return Arrays.copyOfRange(input, (int) box.dataStart(), (int) box.end());
            }
        }
        return null;
    }

    /** The type of the box a {@code brob} holds compressed (its payload's first four bytes). */
    private static String compressedType(byte[] input, JxlBox box) {
        if (box.end() - box.dataStart() < 4) {
            return "????";
        }
        return new String(input, (int) box.dataStart(), 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * The box as it was, except that a size of 0 ("to the end of the file") becomes its actual size: boxes may
     * follow it in the output.
     */
    private static void copy(byte[] input, JxlBox box, GatheredOutput out) {
        int start = (int) box.start();
        boolean toTheEnd = input[start] == 0 && input[start + 1] == 0 && input[start + 2] == 0 && input[start + 3] == 0;
        if (toTheEnd) {
            int size = box.length(); // the whole file is below 2 GB, so it fits the 32-bit size
            out.add(new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size});
            out.add(input, start + 4, size - 4);
            return;
        }
        out.add(input, start, box.length());
    }

    private static byte[] box(String type, byte[] payload) {
        long size = 8L + payload.length;
        if (size > 0xFFFFFFFFL) {
            throw JxlContainer.error(-1, "expected a box below 4 GB, found " + size + " bytes");
        }
        byte[] box = new byte[(int) size];
        box[0] = (byte) (size >>> 24);
        box[1] = (byte) (size >>> 16);
        box[2] = (byte) (size >>> 8);
        box[3] = (byte) size;
        for (int i = 0; i < 4; i++) {
            box[4 + i] = (byte) type.charAt(i);
        }
        System.arraycopy(payload, 0, box, 8, payload.length);
        return box;
    }
}
