package org.imageguard.engine.iptc;

import org.imageguard.config.StripMode;
import org.imageguard.engine.io.Bytes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cleans the payload of a JPEG APP13 Photoshop segment as {@code strip} says.
 *
 * <pre>
 * "Photoshop 3.0\0"              14 bytes
 * resource*:
 *   signature   4 bytes          "8BIM" (old tools: "PHUT", "AgHg", "DCSR", "MeSa")
 *   id          u16 BE
 *   name        u8 n, n bytes, a 0 pad byte when 1 + n is odd
 *   size        u32 BE
 *   data        size bytes, a 0 pad byte when size is odd (may be missing after the last resource)
 * </pre>
 *
 * <ul>
 *   <li>{@code none}: the payload unchanged.</li>
 *   <li>{@code privacy}: IPTC-IIM (0x0404) without its location datasets ({@link IptcIim}); the IPTC digest
 *       (0x0425) goes when the IPTC changed, since it would no longer match; thumbnails (0x0409, 0x040C) and
 *       Photoshop's copies of EXIF and XMP (0x0422, 0x0423, 0x0424: they would smuggle back what the EXIF and XMP
 *       cleaning removed) go too. Other resources (print settings, resolution, caption, URL) stay.</li>
 *   <li>{@code all}: the whole segment (null).</li>
 * </ul>
 *
 * A segment that cannot be parsed (bad signature, lengths running past the end) is dropped and reported: its IPTC
 * could hold anything and cannot be cleaned.
 *
 * <pre>{@code
 * byte[] payload = PhotoshopIrbCleaner.clean(app13Payload, StripMode.PRIVACY, report::removed); // null: drop it
 * }</pre>
 */
public final class PhotoshopIrbCleaner {

    static final byte[] HEADER = "Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII);
    static final int IPTC = 0x0404;
    static final int IPTC_DIGEST = 0x0425;

    private static final List<String> SIGNATURES = List.of("8BIM", "PHUT", "AgHg", "DCSR", "MeSa");
    private static final Map<Integer, String> PRIVATE = Map.of(
            0x0409, "Photoshop thumbnail",
            0x040C, "Photoshop thumbnail",
            0x0422, "Photoshop EXIF copy",
            0x0423, "Photoshop EXIF copy",
            0x0424, "Photoshop XMP copy");

    private PhotoshopIrbCleaner() {
    }

    public static byte[] clean(byte[] payload, StripMode mode, Consumer<String> removed) {
        if (mode == StripMode.NONE) {
            return payload;
        }
        if (mode == StripMode.ALL) {
            removed.accept("Photoshop IRB / IPTC (APP13)");
            return null;
        }
        try {
            return cleanPrivacy(payload, removed);
        } catch (IptcFormatException e) {
            removed.accept("Photoshop IRB unreadable, removed (" + e.getMessage() + ")");
            return null;
        }
    }

    private static byte[] cleanPrivacy(byte[] payload, Consumer<String> removed) {
        List<Resource> resources = parse(payload);
        List<Resource> kept = new ArrayList<>();
        boolean iptcChanged = false;
        boolean changed = false;
        for (Resource resource : resources) {
            String category = PRIVATE.get(resource.id());
            if (category != null) {
                removed.accept(category);
                changed = true;
            } else if (resource.id() == IPTC) {
                byte[] data = resource.data(payload);
                byte[] cleaned = IptcIim.withoutLocation(data, removed);
                iptcChanged = cleaned != data;
                changed |= iptcChanged;
                if (IptcIim.hasContent(cleaned)) {
                    kept.add(resource.withData(cleaned));
                } else if (data.length > 0) {
                    changed = true;
                }
            } else {
                kept.add(resource);
            }
        }
        if (iptcChanged && kept.removeIf(r -> r.id() == IPTC_DIGEST)) {
            removed.accept("IPTC digest");
        }
        if (!changed) {
            return payload;
        }
        return kept.isEmpty() ? null : write(payload, kept);
    }

    private static List<Resource> parse(byte[] payload) {
        if (payload.length < HEADER.length || !Arrays.equals(payload, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            throw new IptcFormatException(0, "expected \"Photoshop 3.0\\0\"");
        }
        List<Resource> resources = new ArrayList<>();
        int offset = HEADER.length;
        while (offset < payload.length) {
            if (isZeroPadding(payload, offset)) {
                break;
            }
            Resource resource = Resource.at(payload, offset);
            resources.add(resource);
            offset = resource.end();
        }
        return resources;
    }

    private static boolean isZeroPadding(byte[] payload, int offset) {
        for (int i = offset; i < payload.length; i++) {
            if (payload[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] write(byte[] payload, List<Resource> resources) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length);
        out.writeBytes(HEADER);
        for (Resource resource : resources) {
            resource.writeTo(out, payload);
        }
        return out.toByteArray();
    }

    /**
     * One resource: where its header (signature, id, name) lies in the payload, and its data — in the payload, or
     * replaced ({@code newData}) when cleaned.
     */
    private record Resource(int id, int headerStart, int headerEnd, int dataStart, long size, byte[] newData) {

        static Resource at(byte[] payload, int offset) {
            if (offset + 7L > payload.length) {
                throw new IptcFormatException(offset, "expected a resource header, found "
                        + (payload.length - offset) + " bytes");
            }
            String signature = new String(payload, offset, 4, StandardCharsets.ISO_8859_1);
            if (!SIGNATURES.contains(signature)) {
                throw new IptcFormatException(offset, "expected signature 8BIM, found \"" + printable(signature)
                        + '"');
            }
            int id = Bytes.u16be(payload, offset + 4);
            int nameLength = payload[offset + 6] & 0xFF;
            long sizeAt = offset + 7L + nameLength + ((nameLength + 1) % 2);
            if (sizeAt + 4 > payload.length) {
                throw new IptcFormatException(offset, "resource name of " + nameLength + " bytes runs past the end");
            }
            long size = Bytes.u32be(payload, (int) sizeAt);
            long dataStart = sizeAt + 4;
            if (dataStart + size > payload.length) {
                throw new IptcFormatException(sizeAt, "resource 0x" + Integer.toHexString(id) + " of " + size
                        + " bytes runs past the end at " + payload.length);
            }
            return new Resource(id, offset, (int) sizeAt, (int) dataStart, size, null);
        }

        /** Just past the data and its pad byte (tolerating a missing pad after the last resource). */
        int end() {
            return (int) (dataStart + size + (size % 2));
        }

        byte[] data(byte[] payload) {
            return Arrays.copyOfRange(payload, dataStart, (int) (dataStart + size));
        }

        Resource withData(byte[] data) {
            return new Resource(id, headerStart, headerEnd, dataStart, data.length, data);
        }

        void writeTo(ByteArrayOutputStream out, byte[] payload) {
            out.write(payload, headerStart, headerEnd - headerStart);
            byte[] sizeField = new byte[4];
            Bytes.putU32be(sizeField, 0, size);
            out.writeBytes(sizeField);
            if (newData != null) {
                out.writeBytes(newData);
            } else {
                out.write(payload, dataStart, (int) size);
            }
            if (size % 2 == 1) {
                out.write(0);
            }
        }

        private static String printable(String signature) {
            return signature.replaceAll("[^\\x20-\\x7E]", "?");
        }
    }
}
