package org.imageguard.engine.heif;

/**
 * One ISOBMFF box: its four-character type and where it lies in the file.
 *
 * @param start     the offset of the box header
 * @param dataStart the offset of the payload (after the 8- or 16-byte header)
 * @param end       the offset just past the box
 */
record HeifBox(String type, int start, int dataStart, int end) {
}
