package org.imageguard.engine.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.imageguard.config.StripMode;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.io.Bytes;
import org.imageguard.testing.ByteArrays;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.TestJpegs;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Hostile input: the only way out is a result that starts like a JPEG, or an ImageFormatException. */
class JpegMalformedInputTest {

    enum Mutation { FLIP, TRUNCATE, INSERT, DELETE, SET_FF }

    private final JpegRewriter rewriter = new JpegRewriter();

    @Provide
    Arbitrary<String> fixture() {
        return Arbitraries.of(JpegFixtures.ALL);
    }

    @Property(tries = 400)
    void mutatedFixturesFailOnlyWithImageFormatException(@ForAll("fixture") String name,
            @ForAll Mutation mutation, @ForAll @IntRange(min = 0, max = 100_000) int where,
            @ForAll byte value, @ForAll @IntRange(min = 1, max = 3) int times) {
        byte[] data = JpegFixtures.load(name);
        for (int i = 0; i < times && data.length > 0; i++) {
            data = mutate(data, mutation, (where * (i + 1)) % data.length, value);
        }
        assertRewritesOrRejects(data);
    }

    @Property(tries = 200)
    void randomBytesBehindSoiFailOnlyWithImageFormatException(@ForAll byte[] tail) {
        assertRewritesOrRejects(ByteArrays.concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, tail));
    }

    @Test
    void hostileExtendedXmpIsDroppedNotTrusted() {
        byte[] jpeg = JpegFixtures.load("comment.jpg");
        byte[] portion = new byte[JpegSegmentType.XMP_EXTENDED_ID.length + 40 + 8];
        System.arraycopy(JpegSegmentType.XMP_EXTENDED_ID, 0, portion, 0, JpegSegmentType.XMP_EXTENDED_ID.length);
        int at = JpegSegmentType.XMP_EXTENDED_ID.length;
        Arrays.fill(portion, at, at + 32, (byte) 'A');
        Bytes.putU32be(portion, at + 32, 0xFFFF_FFF0L); // declares 4 GB
        Bytes.putU32be(portion, at + 36, 0xFFFF_FFF8L); // at an offset past the end
        byte[] hostile = TestJpegs.insertSegment(jpeg, 2, JpegSegment.APP1, portion);
        FixedMetadataPlan plan = FixedMetadataPlan.jpeg(StripMode.PRIVACY);
        RewriteReport.Builder report = new RewriteReport.Builder();

        byte[] out = rewriter.rewrite(hostile, plan, report);

        assertThat(plan.existingExtendedXmp()).isNull();
        assertThat(JpegFixtures.count(out, JpegSegmentType.XMP_EXTENDED_ID)).isZero();
        assertThat(report.build("rewritten", 0, 0).removed()).anyMatch(r -> r.contains("Extended XMP"));
    }

    private void assertRewritesOrRejects(byte[] data) {
        try {
            byte[] out = rewriter.rewrite(data, FixedMetadataPlan.jpeg(StripMode.PRIVACY), new RewriteReport.Builder());
            assertThat(out).startsWith((byte) 0xFF, (byte) 0xD8);
            rewriter.read(data);
        } catch (ImageFormatException expected) {
            assertThat(expected.getMessage()).startsWith("JPEG at offset ").contains("expected");
        }
    }

    private static byte[] mutate(byte[] data, Mutation mutation, int at, byte value) {
        return switch (mutation) {
            case FLIP -> {
                byte[] copy = data.clone();
                copy[at] ^= (byte) (value == 0 ? 1 : value);
                yield copy;
            }
            case TRUNCATE -> Arrays.copyOf(data, at);
            case INSERT -> ByteArrays.insert(data, at, new byte[] {value});
            case DELETE -> ByteArrays.concat(Arrays.copyOf(data, at), Arrays.copyOfRange(data, at + 1, data.length));
            case SET_FF -> {
                byte[] copy = data.clone();
                copy[at] = (byte) 0xFF;
                yield copy;
            }
        };
    }
}
