package org.imageguard.engine.gif;

import java.util.List;
import java.util.Set;

import org.imageguard.config.StripMode;

/**
 * What happens to each GIF block, and where our XMP goes.
 *
 * <ul>
 *   <li>Images, graphic control and plain text extensions (they render) are always kept.</li>
 *   <li>The first XMP extension is replaced by ours; further ones are dropped.</li>
 *   <li>Comments are dropped unless {@code strip: none}.</li>
 *   <li>ImageMagick's IPTC/8BIM extensions ({@code MGKIPTC0000}, {@code MGK8BIM0000}) are dropped unless
 *       {@code strip: none}: they carry bylines and locations.</li>
 *   <li>Under {@code strip: all}, every other application extension goes too, but the loop ({@code NETSCAPE2.0},
 *       {@code ANIMEXTS1.0}) and the ICC profile ({@code ICCRGBG1012}), which change how the image plays and looks.</li>
 * </ul>
 */
final class GifBlockPolicy {

    private static final Set<String> LOOP = Set.of("NETSCAPE2.0", "ANIMEXTS1.0");
    private static final Set<String> PICTURE = Set.of("NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012");
    private static final Set<String> IPTC = Set.of("MGKIPTC0000", "MGK8BIM0000");

    private final StripMode strip;
    private final GifBlock oldXmp;

    /** @param oldXmp the image's first XMP extension, which ours replaces, or null */
    GifBlockPolicy(StripMode strip, GifBlock oldXmp) {
        this.strip = strip;
        this.oldXmp = oldXmp;
    }

    /**
     * The index of the block our XMP goes before: the first one after the loop extensions that directly follow the
     * global colour table (some decoders only look for the loop right there).
     */
    static int xmpPosition(List<GifBlock> blocks) {
        int at = 0;
        while (at < blocks.size() && LOOP.contains(blocks.get(at).applicationId())) {
            at++;
        }
        return at;
    }

    /** Null to keep a block, empty to drop it silently (our XMP replaces it), else how the report names it. */
    String removedAs(GifBlock block) {
        if (GifXmp.isXmp(block)) {
            // The same block is the one at the same offset: a record's equals() would bootstrap (spinning dozens of
            // method-handle classes at first use) to compare what the offset already tells.
            return oldXmp != null && block.offset() == oldXmp.offset() ? "" : "GIF XMP extension (a second one)";
        }
        if (block.label() == GifBlock.COMMENT) {
            return strip == StripMode.NONE ? null : "GIF comment";
        }
        if (block.label() != GifBlock.APPLICATION || PICTURE.contains(block.applicationId())
                || strip == StripMode.NONE) {
            return null;
        }
        String name = "GIF application extension " + block.printableApplicationId();
        if (IPTC.contains(block.applicationId())) {
            return name + " (IPTC)";
        }
        return strip == StripMode.ALL ? name : null;
    }
}
