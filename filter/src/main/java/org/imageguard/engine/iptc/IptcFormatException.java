package org.imageguard.engine.iptc;

/** A Photoshop resource block or IPTC-IIM block that cannot be parsed safely; caught inside this package. */
final class IptcFormatException extends RuntimeException {

    IptcFormatException(long offset, String problem) {
        super("at offset " + offset + ": " + problem);
    }
}
