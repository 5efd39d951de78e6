package org.imageguard.engine.jxl;

/**
 * One ISOBMFF box of a JPEG XL container: its four-character type and where it lies in the file.
 *
 * @param start      the offset of the box header
 * @param dataStart  the offset of the payload (after the 8- or 16-byte header)
 * @param end        the offset just past the box
 */
record JxlBox(String type, long start, long dataStart, long end) {

    int length() {
        return (int) (end - start);
    }
}
