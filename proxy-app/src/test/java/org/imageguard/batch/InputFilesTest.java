package org.imageguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

    @TempDir
    Path dir;

    private Path file(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, relative);
    }

    @Test
    void treesAreListedSortedWithPathsRelativeToTheirArgument() throws IOException {
        file("site/z.jpg");
        file("site/img/b.png");
        file("site/img/a.png");
        Path single = file("other/c.gif");

        InputFiles found = InputFiles.list(List.of(dir.resolve("site"), single), Optional.empty());

        assertThat(found.files()).extracting(InputFile::policyPath)
                .containsExactly("/img/a.png", "/img/b.png", "/z.jpg", "/c.gif");
        assertThat(found.failures()).isEmpty();
    }

    @Test
    void filesOfATreeCarryTheSizeTheListingSawAndAFileArgumentAnUnknownOne() throws IOException {
        file("site/img/a.png");
        Path single = file("other/c.gif");

        InputFiles found = InputFiles.list(List.of(dir.resolve("site"), single), Optional.empty());

        assertThat(found.files()).extracting(InputFile::size).containsExactly((long) "site/img/a.png".length(), -1L);
    }

    @Test
    void symbolicLinksInsideATreeAreNotFollowed() throws IOException {
        Path outside = file("secret/key.jpg");
        file("site/a.jpg");
        Files.createSymbolicLink(dir.resolve("site/link.jpg"), outside);
        Files.createSymbolicLink(dir.resolve("site/linkdir"), outside.getParent());

        InputFiles found = InputFiles.list(List.of(dir.resolve("site")), Optional.empty());

        assertThat(found.files()).extracting(InputFile::policyPath).containsExactly("/a.jpg");
    }

    @Test
    void theOutputDirectoryIsSkipped() throws IOException {
        file("site/a.jpg");
        file("site/out/a.jpg");

        InputFiles found = InputFiles.list(List.of(dir.resolve("site")), Optional.of(dir.resolve("site/./out")));

        assertThat(found.files()).extracting(InputFile::policyPath).containsExactly("/a.jpg");
    }
}
