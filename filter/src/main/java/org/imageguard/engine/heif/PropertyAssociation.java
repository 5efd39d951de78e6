package org.imageguard.engine.heif;

/**
 * One item's entry in an {@code ipma} box, kept as raw bytes (copied as they are while the item stays).
 *
 * @param ipma       the box the entry belongs to
 * @param properties the 1-based property indexes into {@code ipco}, essential bit removed
 */
record PropertyAssociation(HeifBox ipma, long itemId, int start, int end, int[] properties) {
}
