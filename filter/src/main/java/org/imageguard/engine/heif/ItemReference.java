package org.imageguard.engine.heif;

import java.util.List;

/** One reference of the {@code iref} box, e.g. {@code cdsc} from an Exif item to the image it describes. */
record ItemReference(String type, long fromId, List<Long> toIds) {

    ItemReference {
        toIds = List.copyOf(toIds);
    }
}
