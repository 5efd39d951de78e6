package org.imageguard.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file so that readers see either the old content or the new, never half of it: the bytes go to a
 * temporary file in the target's directory (same file system, so the rename is atomic), which then replaces the
 * target with {@code ATOMIC_MOVE}. A failed write leaves the target as it was and removes the temporary file.
 *
 * <p>The result gets the permission bits of {@code like} (the original), not the temporary file's 0600; its
 * modification time is the time of writing, so rsync, caches and build tools see that the file changed. Temporary
 * files still open when the JVM is stopped (Ctrl-C) are removed by a shutdown hook.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("site/a.jpg"), protectedBytes, Path.of("site/a.jpg"));
 * }</pre>
 */
public final class AtomicFiles {

    /** Temporary files being written, removed by the hook if the JVM stops before they are renamed. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::removePending, "imageguard-temp-cleanup"));
    }

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes, Path like) throws IOException {
        Path temp = createTemp(target);
        try {
            Files.write(temp, bytes);
            finish(temp, target, like);
        } finally {
            release(temp);
        }
    }

    /** Replaces (or creates) {@code target} with a copy of {@code source}, streamed: for files too large to hold. */
    public static void copy(Path source, Path target) throws IOException {
        Path temp = createTemp(target);
        try {
            try (InputStream in = Files.newInputStream(source)) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            finish(temp, target, source);
        } finally {
            release(temp);
        }
    }

    private static Path createTemp(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // A dot name so web servers and globs (*.jpg) ignore it should a crash leave it behind; the process id in it
        // tells a later run whether its writer is gone (TempLeftovers).
        Path temp = Files.createTempFile(dir, TempLeftovers.prefixFor(target), TempLeftovers.SUFFIX);
        PENDING.add(temp);
        return temp;
    }

    /** Whether this process is writing {@code temp} right now. */
    static boolean isPending(Path temp) {
        return PENDING.contains(temp) || PENDING.contains(temp.toAbsolutePath());
    }

    /** After a successful rename there is nothing left to delete; after a failure the temporary file goes. */
    private static void release(Path temp) throws IOException {
        try {
            Files.deleteIfExists(temp);
        } finally {
            PENDING.remove(temp);
        }
    }

    private static void removePending() {
        for (Path temp : PENDING) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // The JVM is stopping; a leftover hidden file is all that can go wrong.
            }
        }
    }

    private static void finish(Path temp, Path target, Path like) throws IOException {
        copyPermissions(like, temp);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (view != null && Files.exists(from)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(from);
            view.setPermissions(permissions);
        }
    }
}
