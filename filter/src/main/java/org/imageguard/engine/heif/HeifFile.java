package org.imageguard.engine.heif;

import java.util.List;
import java.util.Map;

import org.imageguard.engine.ImageFormat;

/**
 * A still-image HEIF (HEIC, AVIF) file as {@link HeifParser} found it.
 *
 * @param topLevel     the top-level boxes in file order
 * @param meta         the top-level {@code meta} box; {@code metaChildren} its boxes
 * @param items        the {@code iinf} items in order
 * @param locations    the {@code iloc} entries by item ID
 * @param iinfVersion  kept for the rewritten box; likewise the others
 * @param idat         the {@code idat} box, or null
 * @param associations the {@code ipma} entries in order (all {@code ipma} boxes)
 * @param width        the primary item's {@code ispe} width, or 0
 */
record HeifFile(ImageFormat format, List<HeifBox> topLevel, HeifBox meta, List<HeifBox> metaChildren,
                long primaryId, List<HeifItem> items, Map<Long, ItemLocation> locations, int ilocVersion,
                List<ItemReference> references, HeifBox idat, List<PropertyAssociation> associations,
                int width, int height) {

    HeifItem item(long id) {
        for (HeifItem item : items) {
            if (item.id() == id) {
                return item;
            }
        }
        return null;
    }
}
