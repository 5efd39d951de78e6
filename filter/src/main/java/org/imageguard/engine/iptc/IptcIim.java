package org.imageguard.engine.iptc;

import org.imageguard.engine.io.Bytes;

import java.io.ByteArrayOutputStream;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Removes the location datasets from an IPTC-IIM block (the payload of Photoshop resource 0x0404).
 *
 * <pre>
 * dataset*:
 *   0x1C        tag marker
 *   record      u8   (1 envelope, 2 application)
 *   dataset     u8
 *   length      u16 BE; bit 15 set = extended: the low 15 bits count the bytes of the real length that follows
 *   data        length bytes
 * </pre>
 *
 * Under {@code strip: privacy} the record-2 location datasets go: 2:26 location code, 2:27 location name, 2:90 city,
 * 2:92 sublocation, 2:95 province/state, 2:100 country code, 2:101 country name. Editorial fields the owner writes
 * for publication (by-line 2:80, copyright 2:116, contact 2:118, headline, caption, keywords) stay.
 *
 * <pre>{@code
 * byte[] cleaned = IptcIim.withoutLocation(iim, report::removed); // throws IptcFormatException on bad lengths
 * }</pre>
 */
final class IptcIim {

    private static final int TAG_MARKER = 0x1C;
    private static final Set<Integer> LOCATION = Set.of(26, 27, 90, 92, 95, 100, 101);

    private IptcIim() {
    }

    /** The block without location datasets, the same array when there were none. */
    static byte[] withoutLocation(byte[] iim, Consumer<String> removed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(iim.length);
        int dropped = 0;
        int offset = 0;
        while (offset < iim.length) {
            if (iim[offset] == 0 && allZero(iim, offset)) {
                break; // writers pad the block to an even length
            }
            int end = datasetEnd(iim, offset);
            int record = iim[offset + 1] & 0xFF;
            int dataset = iim[offset + 2] & 0xFF;
            if (record == 2 && LOCATION.contains(dataset)) {
                dropped++;
            } else {
                out.write(iim, offset, end - offset);
            }
            offset = end;
        }
        if (dropped == 0) {
            return iim;
        }
        removed.accept("IPTC location (" + dropped + (dropped == 1 ? " dataset)" : " datasets)"));
        return out.toByteArray();
    }

    /** Whether anything but the envelope and the record version (2:00) is left: otherwise the block says nothing. */
    static boolean hasContent(byte[] iim) {
        int offset = 0;
        while (offset < iim.length && !allZero(iim, offset)) {
            int end = datasetEnd(iim, offset);
            if ((iim[offset + 1] & 0xFF) == 2 && (iim[offset + 2] & 0xFF) != 0) {
                return true;
            }
            offset = end;
        }
        return false;
    }

    /** The offset just past the dataset starting at {@code offset}, every length checked against the block. */
    private static int datasetEnd(byte[] iim, int offset) {
        if (offset + 5L > iim.length) {
            throw new IptcFormatException(offset, "expected a 5-byte dataset header, found "
                    + (iim.length - offset) + " bytes");
        }
        if ((iim[offset] & 0xFF) != TAG_MARKER) {
            throw new IptcFormatException(offset, String.format("expected tag marker 0x1C, found 0x%02X",
                    iim[offset] & 0xFF));
        }
        int lengthField = Bytes.u16be(iim, offset + 3);
        long start = offset + 5L;
        long length = lengthField;
        if ((lengthField & 0x8000) != 0) {
            int count = lengthField & 0x7FFF;
            if (count == 0 || count > 4 || start + count > iim.length) {
                throw new IptcFormatException(offset, "expected an extended length of 1 to 4 bytes, found " + count);
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = length << 8 | (iim[(int) start + i] & 0xFF);
            }
            start += count;
        }
        if (start + length > iim.length) {
            throw new IptcFormatException(offset, "dataset of " + length + " bytes runs past the block end at "
                    + iim.length);
        }
        return (int) (start + length);
    }

    private static boolean allZero(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
