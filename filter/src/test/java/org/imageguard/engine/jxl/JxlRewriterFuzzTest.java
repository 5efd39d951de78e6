package org.imageguard.engine.jxl;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Fuzzing;
import org.imageguard.testing.Mutations;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Mutated JPEG XL containers: the rewriter either refuses with ImageFormatException or writes our XMP. */
class JxlRewriterFuzzTest {

    private static final List<byte[]> TOKENS = List.of("brob", "Exif", "xml ", "jxlc", "jxlp", "ftyp")
            .stream().map(t -> t.getBytes(StandardCharsets.ISO_8859_1)).toList();

    private final JxlRewriter rewriter = new JxlRewriter();

    @Property(tries = 500, seed = "20261203")
    void onlyImageFormatExceptionEscapesAndOutputCarriesOurXmp(@ForAll("mutants") byte[] input) {
        Fuzzing.requireShare("rewritten", 8);
        Fuzzing.refusedOrCarriesPacket(rewriter, input);
    }

    @Provide
    Arbitrary<byte[]> mutants() {
        return Mutations.of(List.of(Fixtures.bytes(JxlRewriterFuzzTest.class, "meta.jxl"),
                Fixtures.bytes(JxlRewriterFuzzTest.class, "container.jxl")), TOKENS);
    }
}
