package org.imageguard.engine;

import java.util.Objects;

/**
 * The XMP to embed: a standard packet (UTF-8, with its {@code xpacket} wrapper), plus, only when the standard packet
 * would not fit the container (JPEG's 65502 bytes), the Extended XMP serialization and its GUID (32 upper-case hex
 * digits, the MD5 of {@code extended}). DataMining always stays in the standard packet.
 */
public record XmpPackets(byte[] standard, byte[] extended, String extendedGuid) {

    public XmpPackets {
        Objects.requireNonNull(standard, "standard");
        if ((extended == null) != (extendedGuid == null)) {
            throw new IllegalArgumentException("extended XMP and its GUID come together");
        }
    }

    public static XmpPackets standardOnly(byte[] packet) {
        return new XmpPackets(packet, null, null);
    }

    public boolean hasExtended() {
        return extended != null;
    }
}
