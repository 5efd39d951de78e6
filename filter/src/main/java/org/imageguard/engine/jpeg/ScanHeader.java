package org.imageguard.engine.jpeg;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;

/**
 * One scan's parameters (T.81 B.2.3), read from an SOS segment or chosen by a scan script.
 *
 * <pre>
 * SOS payload  u8 Ns, Ns x (u8 component id, u8 Td<<4 | Ta), u8 Ss, u8 Se, u8 Ah<<4 | Al
 * </pre>
 *
 * @param components indices into the frame's components, in scan order
 * @param dcTables   DC table slot of each scan component
 * @param acTables   AC table slot of each scan component
 * @param ss         first coefficient (zig-zag index) of the spectral band
 * @param se         last coefficient of the band
 * @param ah         successive approximation: the point transform of the previous scan of this band, 0 for a first
 * @param al         successive approximation: the point transform of this scan
 */
record ScanHeader(int[] components, int[] dcTables, int[] acTables, int ss, int se, int ah, int al) {

    static ScanHeader parse(byte[] data, JpegSegment sos, CodingFrame frame) {
        int at = sos.payloadOffset();
        int length = sos.payloadLength();
        int count = length > 0 ? data[at] & 0xFF : 0;
        if (count < 1 || count > 4 || length != 4 + 2 * count) {
            throw new ImageFormatException(ImageFormat.JPEG, sos.offset(), String.format(
                    "expected a scan header of 1..4 components, found %d components in %d bytes", count, length));
        }
        int[] components = new int[count];
        int[] dc = new int[count];
        int[] ac = new int[count];
        for (int i = 0; i < count; i++) {
            int id = data[at + 1 + 2 * i] & 0xFF;
            int index = frame.indexOf(id);
            if (index < 0) {
                throw new ImageFormatException(ImageFormat.JPEG, at + 1 + 2 * i,
                        "expected a component of the frame, found identifier " + id);
            }
            for (int j = 0; j < i; j++) {
                if (components[j] == index) {
                    throw new ImageFormatException(ImageFormat.JPEG, at + 1 + 2 * i,
                            "expected each component once in a scan, found " + id + " twice");
                }
            }
            components[i] = index;
            int tables = data[at + 2 + 2 * i] & 0xFF;
            dc[i] = tables >> 4;
            ac[i] = tables & 15;
            if (dc[i] > 3 || ac[i] > 3) {
                throw new ImageFormatException(ImageFormat.JPEG, at + 2 + 2 * i,
                        "expected Huffman table slots 0..3, found " + dc[i] + "/" + ac[i]);
            }
        }
        int p = at + 1 + 2 * count;
        int approximation = data[p + 2] & 0xFF;
        return new ScanHeader(components, dc, ac, data[p] & 0xFF, data[p + 1] & 0xFF, approximation >> 4,
                approximation & 15);
    }

    boolean interleaved() {
        return components.length > 1;
    }

    boolean dcBand() {
        return ss == 0;
    }

    boolean firstPass() {
        return ah == 0;
    }
}
