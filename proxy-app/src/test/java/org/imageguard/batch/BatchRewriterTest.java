package org.imageguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.PathResolver;
import org.imageguard.engine.ImageGuardEngine;
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
}
