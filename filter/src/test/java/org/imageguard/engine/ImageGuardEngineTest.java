package org.imageguard.engine;

import com.adobe.internal.xmp.XMPMetaFactory;
import org.imageguard.config.DataMining;
import org.imageguard.config.DataSize;
import org.imageguard.config.LimitSettings;
import org.imageguard.config.OnError;
import org.imageguard.config.OptimizeEffort;
import org.imageguard.config.OptimizeMode;
import org.imageguard.config.OptimizeSettings;
import org.imageguard.config.Policy;
import org.imageguard.config.ProtectionSettings;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageGuardEngineTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final String PLUS = "http://ns.useplus.org/ldf/xmp/1.0/";

    /** A stand-in JPEG rewriter: its behaviour is whatever the test gives it. */
    private record FakeRewriter(BiFunction<byte[], MetadataPlan, byte[]> behaviour) implements FormatRewriter {
        @Override
        public ImageFormat format() {
            return ImageFormat.JPEG;
        }

        @Override
        public byte[] rewrite(byte[] input, MetadataPlan plan, RewriteReport.Builder report) {
            report.dimensions(16, 12);
            return behaviour.apply(input, plan);
        }

        @Override
        public ImageMetadata read(byte[] input) {
            return new ImageMetadata(ImageFormat.JPEG, 16, 12, 1, null, null, List.of("COM comment"));
        }
    }

    private static ImageGuardEngine engineWith(BiFunction<byte[], MetadataPlan, byte[]> behaviour) {
        return new ImageGuardEngine(new FormatRewriters(List.of(new FakeRewriter(behaviour))));
    }

    /** The fake's output: the XMP packet the plan composed, so tests can read what the plan did. */
    private static byte[] xmpOnly(byte[] input, MetadataPlan plan) {
        return plan.xmp(null, null, 65502).standard();
    }

    /** A stand-in JPEG optimizer: its behaviour is whatever the test gives it. */
    private record FakeOptimizer(Function<byte[], LosslessOptimizer.Result> behaviour)
            implements LosslessOptimizer {
        @Override
        public ImageFormat format() {
            return ImageFormat.JPEG;
        }

        @Override
        public Result optimize(byte[] image, OptimizeEffort effort, long maxPixels) {
            return behaviour.apply(image);
        }
    }

    private static ImageGuardEngine engineWith(BiFunction<byte[], MetadataPlan, byte[]> rewrite,
                                               Function<byte[], LosslessOptimizer.Result> optimize) {
        return new ImageGuardEngine(new FormatRewriters(List.of(new FakeRewriter(rewrite))),
                List.of(new FakeOptimizer(optimize)));
    }

    /** The fake's output: the input with eight bytes appended, like a metadata segment. */
    private static byte[] grown(byte[] input, MetadataPlan plan) {
        return Arrays.copyOf(input, input.length + 8);
    }

    private static Policy withMode(OptimizeMode mode) {
        Policy d = Policy.DEFAULTS;
        OptimizeSettings o = d.optimize();
        return new Policy(d.protection(), new OptimizeSettings(mode, o.effort(),
                o.jpegQuality(), o.minSavingPercent(), o.maxWidth(), o.maxHeight(), o.webp()), d.watermark(),
                d.hotlink(), d.aiCrawlers(), d.limits());
    }

    private static Policy withMaxSize(long bytes) {
        Policy d = Policy.DEFAULTS;
        return new Policy(d.protection(), d.optimize(), d.watermark(), d.hotlink(), d.aiCrawlers(),
                new LimitSettings(DataSize.ofBytes(bytes), 50_000_000L, 0, OnError.PASSTHROUGH));
    }

    @Test
    void unsupportedFormatsPassThroughUntouched() {
        byte[] codestream = {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x1F, 0x42, 0x08, 0x10, 0x04, 0x40, 0x00, 0x00, 0x00}; // a bare JPEG XL codestream

        RewriteResult result = engineWith(ImageGuardEngineTest::xmpOnly).rewrite(codestream, Policy.DEFAULTS);

        assertThat(result.bytes()).isSameAs(codestream);
        assertThat(result.report().outcome()).isEqualTo(ImageGuardEngine.UNSUPPORTED);
        assertThat(result.report().format()).isEqualTo(ImageFormat.JXL_CODESTREAM);
        assertThat(result.report().rewritten()).isFalse();
    }

    @Test
    void aSupportedFormatWithoutRewriterYetIsUnsupported() {
        RewriteResult result = new ImageGuardEngine(new FormatRewriters(List.of())).rewrite(JPEG, Policy.DEFAULTS);

        assertThat(result.bytes()).isSameAs(JPEG);
        assertThat(result.report().outcome()).isEqualTo("unsupported");
    }

    @Test
    void bodiesOverTheSizeLimitPassThroughUntouched() {
        RewriteResult result = engineWith(ImageGuardEngineTest::xmpOnly).rewrite(JPEG, withMaxSize(JPEG.length - 1));

        assertThat(result.bytes()).isSameAs(JPEG);
        assertThat(result.report().outcome()).isEqualTo(ImageGuardEngine.TOO_LARGE);
    }

    @Test
    void aBodyExactlyAtTheLimitIsRewritten() {
        RewriteResult result = engineWith(ImageGuardEngineTest::xmpOnly).rewrite(JPEG, withMaxSize(JPEG.length));

        assertThat(result.report().rewritten()).isTrue();
    }

    @Test
    void eachCallFollowsThePolicyItIsGivenWhenCallsAlternateBetweenPolicies() throws Exception {
        ProtectionSettings p = Policy.DEFAULTS.protection();
        Policy allowed = new Policy(new ProtectionSettings(DataMining.DMI_ALLOWED, p.otherConstraints(), p.rights(),
                p.existingXmp(), p.strip(), p.headers()), Policy.DEFAULTS.optimize(), Policy.DEFAULTS.watermark(),
                Policy.DEFAULTS.hotlink(), Policy.DEFAULTS.aiCrawlers(), Policy.DEFAULTS.limits());
        ImageGuardEngine engine = engineWith(ImageGuardEngineTest::xmpOnly);

        for (Policy policy : List.of(Policy.DEFAULTS, Policy.DEFAULTS, allowed, allowed, Policy.DEFAULTS)) {
            byte[] packet = engine.rewrite(JPEG, policy).bytes();
            assertThat(XMPMetaFactory.parseFromBuffer(packet).getPropertyString(PLUS, "DataMining"))
                    .isEqualTo(policy.protection().dataMining().uri());
        }
    }

    @Test
    void rewritesWithAPlanMadeFromTheProtectionSettings() throws Exception {
        RewriteResult result = engineWith(ImageGuardEngineTest::xmpOnly).rewrite(JPEG, Policy.DEFAULTS);

        assertThat(XMPMetaFactory.parseFromBuffer(result.bytes()).getPropertyString(PLUS, "DataMining"))
                .isEqualTo("http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED");
        RewriteReport report = result.report();
        assertThat(report.outcome()).isEqualTo(RewriteReport.REWRITTEN);
        assertThat(report.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(report.width()).isEqualTo(16);
        assertThat(report.added()).contains("XMP plus:DataMining DMI-PROHIBITED");
        assertThat(report.bytesBefore()).isEqualTo(JPEG.length);
        assertThat(report.bytesAfter()).isEqualTo(result.bytes().length);
    }

    @Test
    void thePlanStripsAsThePolicySays() {
        MetadataPlan[] seen = new MetadataPlan[1];
        engineWith((in, plan) -> {
            seen[0] = plan;
            return in;
        }).rewrite(JPEG, Policy.DEFAULTS);

        assertThat(seen[0].strip()).isEqualTo(ProtectionSettings.DEFAULTS.strip());
        assertThat(seen[0].cleanPhotoshopIrb("garbage".getBytes())).isNull();
    }

    @Test
    void anImageFormatExceptionReachesTheCallerAsIs() {
        ImageFormatException thrown = new ImageFormatException(ImageFormat.JPEG, 2, "expected a marker, found 0x3C");
        ImageGuardEngine engine = engineWith((in, plan) -> {
            throw thrown;
        });

        assertThatThrownBy(() -> engine.rewrite(JPEG, Policy.DEFAULTS)).isSameAs(thrown);
    }

    @Test
    void aBugInARewriterBecomesAnImageFormatException() {
        ImageGuardEngine engine = engineWith((in, plan) -> {
            throw new ArrayIndexOutOfBoundsException("Index 12 out of bounds for length 12");
        });

        assertThatThrownBy(() -> engine.rewrite(JPEG, Policy.DEFAULTS))
                .isInstanceOf(ImageFormatException.class)
                .hasMessageStartingWith("JPEG at offset -1: internal error: java.lang.ArrayIndexOutOfBoundsException")
                .hasCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    @Test
    void readDelegatesToTheFormatsReaderOrReportsJustTheFormat() {
        ImageGuardEngine engine = engineWith(ImageGuardEngineTest::xmpOnly);

        assertThat(engine.read(JPEG).others()).containsExactly("COM comment");
        ImageMetadata unknown = engine.read(Arrays.copyOf("hello".getBytes(), 12));
        assertThat(unknown.format()).isEqualTo(ImageFormat.UNKNOWN);
        assertThat(unknown.width()).isZero();
    }

    @Test
    void optimizeKeepsASmallerRecompressionAndSaysWhatItDid() {
        byte[] smaller = Arrays.copyOf(JPEG, JPEG.length - 2);
        ImageGuardEngine engine = engineWith(ImageGuardEngineTest::grown,
                image -> new LosslessOptimizer.Result(smaller, "progressive"));

        RewriteResult result = engine.optimize(JPEG, Policy.DEFAULTS);

        assertThat(result.bytes()).isSameAs(smaller);
        assertThat(result.report().added()).containsExactly("lossless recompression: progressive");
        assertThat(result.report().bytesBefore()).isEqualTo(JPEG.length);
        assertThat(result.report().bytesAfter()).isEqualTo(JPEG.length - 2);
    }

    @Test
    void optimizeKeepsTheInputWhenTheRecompressionIsNotSmaller() {
        byte[] larger = Arrays.copyOf(JPEG, JPEG.length + 1);
        ImageGuardEngine engine = engineWith(ImageGuardEngineTest::grown,
                image -> new LosslessOptimizer.Result(larger, "baseline"));

        assertThat(engine.optimize(JPEG, Policy.DEFAULTS).bytes()).isSameAs(JPEG);
    }

    @Test
    void optimizesSaysYesExactlyForTheFormatsWithAnOptimizer() {
        ImageGuardEngine engine = new ImageGuardEngine();
        for (ImageFormat format : ImageFormat.values()) {
            assertThat(engine.optimizes(format)).as("%s", format)
                    .isEqualTo(format == ImageFormat.JPEG || format == ImageFormat.PNG);
        }
    }

    @Test
    void optimizeModeNoneNeverCallsTheOptimizer() {
        ImageGuardEngine engine = engineWith(ImageGuardEngineTest::grown, image -> {
            throw new AssertionError("optimize.mode: none must not recompress");
        });

        RewriteResult result = engine.optimize(JPEG, withMode(OptimizeMode.NONE));

        assertThat(result.bytes()).isSameAs(JPEG);
        assertThat(result.report().added()).isEmpty();
    }

    @Test
    void rewriteAndOptimizeRunsBothStagesAndCountsFromTheOriginal() {
        ImageGuardEngine engine = engineWith(ImageGuardEngineTest::grown,
                image -> new LosslessOptimizer.Result(Arrays.copyOf(image, 3), "progressive"));

        RewriteResult result = engine.rewriteAndOptimize(JPEG, Policy.DEFAULTS);

        assertThat(result.bytes()).hasSize(3);
        assertThat(result.report().rewritten()).isTrue();
        assertThat(result.report().added()).contains("lossless recompression: progressive");
        assertThat(result.report().bytesBefore()).isEqualTo(JPEG.length);
        assertThat(result.report().bytesAfter()).isEqualTo(3);
    }

    @Test
    void rewriteAndOptimizeKeepsTheProtectedBytesWhenTheImageDataCannotBeDecoded() {
        ImageGuardEngine engine = engineWith(ImageGuardEngineTest::grown, image -> {
            throw new ImageFormatException(ImageFormat.JPEG, 40, "bad Huffman code");
        });

        RewriteResult result = engine.rewriteAndOptimize(JPEG, Policy.DEFAULTS);

        assertThat(result.bytes()).isEqualTo(Arrays.copyOf(JPEG, JPEG.length + 8));
        assertThat(result.report().rewritten()).isTrue();
        assertThat(result.report().added()).anyMatch(note -> note.startsWith("lossless recompression skipped: ")
                && note.contains("bad Huffman code"));
    }
}
