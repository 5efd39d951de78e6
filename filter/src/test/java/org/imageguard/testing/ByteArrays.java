package org.imageguard.testing;

import java.io.ByteArrayOutputStream;

/**
 * Splicing byte arrays, for tests that doctor sample files.
 *
 * <pre>{@code
 * byte[] withJunk = ByteArrays.concat(png, "junk".getBytes(StandardCharsets.US_ASCII));
 * byte[] withMarker = ByteArrays.insert(jpeg, 2, new byte[] {(byte) 0xFF, (byte) 0xD8});
 * }</pre>
 */
public final class ByteArrays {

    private ByteArrays() {
    }

    /** The parts one after the other. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** {@code data} with {@code inserted} placed before the byte at index {@code at} ({@code 0..data.length}). */
    public static byte[] insert(byte[] data, int at, byte[] inserted) {
        byte[] out = new byte[data.length + inserted.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(data, at, out, at + inserted.length, data.length - at);
        return out;
    }
}
