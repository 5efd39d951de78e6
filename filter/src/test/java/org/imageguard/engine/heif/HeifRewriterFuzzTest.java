package org.imageguard.engine.heif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.imageguard.engine.ImageFormat;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Fuzzing;
import org.imageguard.testing.Mutations;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated AVIF and HEIC files: the rewriter either refuses with ImageFormatException or writes our XMP and keeps the
 * other items' data.
 */
class HeifRewriterFuzzTest {

    private static final List<byte[]> TOKENS = List.of("meta", "iloc", "iinf", "infe", "iref", "cdsc", "idat",
                    "mdat", "moov", "Exif", "mime", "ipma", "ipco", "pitm", "hdlr", "pict")
            .stream().map(t -> t.getBytes(StandardCharsets.ISO_8859_1)).toList();

    private final HeifRewriter rewriter = new HeifRewriter(ImageFormat.AVIF);

    @Property(tries = 500, seed = "20261203")
    void onlyImageFormatExceptionEscapesAndOutputCarriesOurXmp(@ForAll("mutants") byte[] input) {
        Fuzzing.requireShare("rewritten", 8);
        byte[] out = Fuzzing.refusedOrCarriesPacket(rewriter, input);
        if (out == null) {
            return;
        }
        // Every item but Exif and XMP keeps its data as it was.
        HeifFile before = HeifParser.parse(input, ImageFormat.AVIF);
        HeifFile after = HeifParser.parse(out, ImageFormat.AVIF);
        for (HeifItem item : before.items()) {
            if (!item.isExif() && !item.isXmp()) {
                assertThat(ItemData.of(out, after, after.item(item.id()))).as("item " + item.id())
                        .isEqualTo(ItemData.of(input, before, item));
            }
        }
    }

    @Provide
    Arbitrary<byte[]> mutants() {
        return Mutations.of(List.of(fixture("meta.avif"), fixture("grid.avif"), fixture("meta.heic"),
                fixture("plain.heic")), TOKENS);
    }

    private static byte[] fixture(String name) {
        return Fixtures.bytes(HeifRewriterFuzzTest.class, name);
    }
}
