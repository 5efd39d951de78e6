package org.imageguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.OptimizeMode;
import org.imageguard.config.OptimizeSettings;
import org.imageguard.config.PathResolver;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchRewriterTest {

    @TempDir
    Path dir;

    @Test
    void largestFirstOrdersBySizeDescendingAndKeepsListOrderForEqualAndUnknownSizes() {
        long[] sizes = {10, 500, -1, 500, 70, -1};

        assertThat(BatchRewriter.largestFirst(sizes)).containsExactly(1, 3, 4, 0, 2, 5);
    }

    @Test
    void outcomesReachTheListenerInListOrderThoughEachWindowStartsWithItsLargestFile() throws IOException {
        // Sizes grow along the list, so every window is worked on in reverse; two and a half windows on one thread.
        int count = BatchRewriter.WINDOW_PER_THREAD * 5 / 2;
        Files.createDirectories(dir.resolve("site"));
        for (int i = 0; i < count; i++) {
            Files.writeString(dir.resolve("site").resolve(String.format("f%03d.txt", i)), "x".repeat(i + 1));
        }
        List<InputFile> files = InputFiles.list(List.of(dir.resolve("site")), Optional.empty()).files();
        BatchRewriter batch = new BatchRewriter(new ImageGuardEngine(), PathResolver.of(ImageGuardConfig.DEFAULTS),
                new Destination.Tree(dir.resolve("out")), 1);

        List<Path> reported = new ArrayList<>();
        BatchSummary summary = batch.run(files, outcome -> reported.add(outcome.file().source()));

        assertThat(reported).containsExactlyElementsOf(files.stream().map(InputFile::source).toList());
        assertThat(summary.count(FileOutcome.Kind.SKIPPED)).isEqualTo(count);
        assertThat(dir.resolve("out").resolve(String.format("f%03d.txt", count - 1))).hasContent("x".repeat(count));
    }

    /** The defaults with {@code optimize.mode}, {@code none} being the metadata-only batch. */
    private static ImageGuardConfig withMode(OptimizeMode mode) {
        Policy d = Policy.DEFAULTS;
        OptimizeSettings o = d.optimize();
        Policy policy = new Policy(d.protection(), new OptimizeSettings(mode, o.effort(), o.jpegQuality(),
                o.minSavingPercent(), o.maxWidth(), o.maxHeight(), o.webp()), d.watermark(), d.hotlink(),
                d.aiCrawlers(), d.limits());
        ImageGuardConfig defaults = ImageGuardConfig.DEFAULTS;
        return new ImageGuardConfig(defaults.server(), defaults.origin(), defaults.cache(), policy, List.of());
    }

    private Path outputOfItsOwn(Path file, ImageGuardConfig config) throws IOException {
        Path out = dir.resolve("alone-" + file.getFileName());
        new BatchRewriter(new ImageGuardEngine(), PathResolver.of(config), new Destination.Tree(out), 1)
                .run(InputFiles.list(List.of(file), Optional.empty()).files(), outcome -> { });
        return out.resolve(file.getFileName());
    }

    @Test
    void filesReadAfterALargerOneOnTheSameThreadComeOutAsTheyWouldAlone() throws IOException {
        // One thread, one window: the large JPEG is read first, and each smaller file then lands in a buffer that
        // still holds the end of it (a JPEG's trailing bytes, an image's records) past its own end.
        byte[] jpeg = Fixtures.bytes(BatchRewriterTest.class, "/samples/gps.jpg");
        byte[] large = java.util.Arrays.copyOf(jpeg, jpeg.length + 200_000);
        java.util.Arrays.fill(large, jpeg.length, large.length, (byte) 0xFF);
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.write(site.resolve("a-small.jpg"), jpeg);
        Files.write(site.resolve("b-large.jpg"), large);
        Files.write(site.resolve("c-small.png"), Fixtures.bytes(BatchRewriterTest.class, "/samples/plain.png"));
        Files.write(site.resolve("d-cut.jpg"), java.util.Arrays.copyOf(jpeg, 300)); // cut in its headers: fails
        Files.writeString(site.resolve("e-notes.txt"), "not an image");
        for (OptimizeMode mode : List.of(OptimizeMode.NONE, OptimizeMode.LOSSLESS)) {
            ImageGuardConfig config = withMode(mode);
            Path out = dir.resolve("out-" + mode);
            List<InputFile> files = InputFiles.list(List.of(site), Optional.empty()).files();

            List<FileOutcome> outcomes = new ArrayList<>();
            new BatchRewriter(new ImageGuardEngine(), PathResolver.of(config), new Destination.Tree(out), 1)
                    .run(files, outcomes::add);

            assertThat(outcomes).extracting(FileOutcome::kind).containsExactly(FileOutcome.Kind.REWRITTEN,
                    FileOutcome.Kind.REWRITTEN, FileOutcome.Kind.REWRITTEN, FileOutcome.Kind.FAILED,
                    FileOutcome.Kind.SKIPPED);
            for (String name : List.of("a-small.jpg", "c-small.png", "d-cut.jpg", "e-notes.txt")) {
                assertThat(out.resolve(name)).as(mode + " " + name)
                        .hasSameBinaryContentAs(outputOfItsOwn(site.resolve(name), config));
            }
        }
    }
}
