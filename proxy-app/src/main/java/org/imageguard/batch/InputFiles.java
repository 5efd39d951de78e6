package org.imageguard.batch;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Lists the regular files under the {@code rewrite} arguments, in a stable order (each argument in turn, its tree
 * sorted by path), so runs and their messages are reproducible. Symbolic links inside trees are not followed (a link
 * may lead out of the tree or into a loop); an argument that is itself a link is. The output directory is never
 * descended into, so {@code rewrite -o site/protected site} does not feed on its own results. Temporary files of
 * interrupted runs are never inputs; stale ones are removed ({@link TempLeftovers}).
 *
 * <pre>{@code
 * InputFiles found = InputFiles.list(List.of(Path.of("site")), Optional.of(Path.of("out")));
 * found.files();     // site/a.jpg (relative a.jpg), site/img/b.png (relative img/b.png), ...
 * found.failures();  // "site/private: permission denied", ...
 * }</pre>
 */
public record InputFiles(List<InputFile> files, List<String> failures, List<Path> removedLeftovers) {

    public InputFiles {
        files = List.copyOf(files);
        failures = List.copyOf(failures);
        removedLeftovers = List.copyOf(removedLeftovers);
    }

    /** Every file under {@code arguments}; {@code exclude} is a directory to skip (the output tree). */
    public static InputFiles list(List<Path> arguments, Optional<Path> exclude) {
        return list(arguments, exclude, Instant.now());
    }

    /**
     * As {@link #list(List, Optional)}; temporary files of interrupted runs ({@link TempLeftovers}) are never listed,
     * and those stale at {@code now} are removed on the way.
     */
    public static InputFiles list(List<Path> arguments, Optional<Path> exclude, Instant now) {
        Optional<Path> skip = exclude.map(p -> p.toAbsolutePath().normalize());
        List<InputFile> files = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<Path> removed = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                walk(argument, skip, new Found(files, failures, removed, now));
            } else if (TempLeftovers.isTemporary(argument)) {
                failures.add(argument + ": a temporary file of an interrupted rewrite, never an input");
            } else {
                Path name = argument.toAbsolutePath().normalize().getFileName();
                files.add(new InputFile(argument, name == null ? argument : name));
            }
        }
        return new InputFiles(files, failures, removed);
    }

    /** Removes the stale temporary files under an output tree (not listed as inputs, so not walked by a listing). */
    public static List<Path> removeLeftovers(Path root, Instant now) {
        List<Path> removed = new ArrayList<>();
        if (Files.isDirectory(root)) {
            walk(root, Optional.empty(), new Found(new ArrayList<>(), new ArrayList<>(), removed, now));
        }
        return removed;
    }

    /** What a walk collects. */
    private record Found(List<InputFile> files, List<String> failures, List<Path> removed, Instant now) {
    }

    private static void walk(Path root, Optional<Path> skip, Found into) {
        List<InputFile> files = into.files();
        List<String> failures = into.failures();
        List<InputFile> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean output = skip.isPresent() && dir.toAbsolutePath().normalize().equals(skip.get());
                    return output ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (TempLeftovers.isTemporary(file)) {
                        if (TempLeftovers.removeIfStale(file, attrs, into.now())) {
                            into.removed().add(file);
                        }
                    } else if (attrs.isRegularFile() && !attrs.isSymbolicLink()) {
                        // The walk does not follow links: attrs are the entry's own, no second stat needed.
                        found.add(new InputFile(file, root.relativize(file), attrs.size()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    failures.add(file + ": " + Failures.describe(e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            failures.add(root + ": " + Failures.describe(e));
        }
        found.sort(Comparator.comparing(f -> f.relative().toString()));
        files.addAll(found);
    }

    /** Whether a path exists, following links: the arguments are checked before any work starts. */
    public static boolean exists(Path argument) {
        return Files.exists(argument) || Files.exists(argument, LinkOption.NOFOLLOW_LINKS);
    }
}
