package org.imageguard.engine.jpeg;

import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.io.Bytes;

/**
 * The picture's size from a SOFn frame header.
 *
 * <pre>
 * SOFn payload  u8 precision, u16 BE height (0: defined later by DNL), u16 BE width, u8 components, ...
 * </pre>
 *
 * <pre>{@code
 * JpegFrame frame = JpegFrame.parse(data, sofSegment);
 * }</pre>
 */
record JpegFrame(int width, int height) {

    private static final int MIN_PAYLOAD = 6;

    static JpegFrame parse(byte[] data, JpegSegment sof) {
        if (sof.payloadLength() < MIN_PAYLOAD) {
            throw new ImageFormatException(ImageFormat.JPEG, sof.offset(), String.format(
                    "expected a frame header of at least %d bytes, found %d", MIN_PAYLOAD, sof.payloadLength()));
        }
        int at = sof.payloadOffset();
        return new JpegFrame(Bytes.u16be(data, at + 3), Bytes.u16be(data, at + 1));
    }
}
