package org.imageguard.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file so that readers see either the old content or the new, never half of it: the bytes go to a
 * temporary file in the target's directory (same file system, so the rename is atomic), which then replaces the
 * target with {@code ATOMIC_MOVE}. A failed write leaves the target as it was and removes the temporary file.
 *
 * <p>The result gets the permission bits of {@code like} (the original), not the temporary file's 0600; its
 * modification time is the time of writing, so rsync, caches and build tools see that the file changed. Temporary
 * files still open when the JVM is stopped (Ctrl-C) are removed by a shutdown hook.
 *
 * <p>A batch writes hundreds of files a second, so each costs as few system calls as it can: the directory is
 * created once per run (not probed per file), the bytes go out in one {@code write} per {@link #WRITE_SLICE}, and a
 * renamed temporary file is not deleted again.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("site/a.jpg"), protectedBytes, AtomicFiles.permissionsOf(Path.of("site/a.jpg")));
 * }</pre>
 */
public final class AtomicFiles {

    /** Temporary files being written, removed by the hook if the JVM stops before they are renamed. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    /** Directories this process created or found, so the next file in them does not probe the path again. */
    private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();
    /**
     * Bytes per {@code write} call. The JDK copies each heap piece of a write into a temporary direct buffer as large
     * as the piece, and makes a new one (zeroed, its pages faulted in) whenever its small per-thread cache has none
     * that large: with 1 MB slices the same few buffers serve every file, and the copy stays within the processor's
     * cache. (At 8 MB, a batch of real photographs and wallpapers made a fifth more page faults and 20% more system
     * time; the extra calls cost little: about one per MB.)
     */
    static final int WRITE_SLICE = 1 << 20;
    /** The N of {@code .NAME.PID.N.imageguard-tmp}: unique within this process. */
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    private static final Set<StandardOpenOption> CREATE_NEW_FOR_WRITING =
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::removePending, "imageguard-temp-cleanup"));
    }

    private AtomicFiles() {
    }

    /**
     * Replaces (or creates) {@code target} with {@code bytes}, with the given permission bits (null: the file
     * system's default, where there are none to copy).
     */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        write(target, bytes, bytes.length, permissions);
    }

    /** {@link #write(Path, byte[], Set)} of the first {@code length} bytes of {@code bytes}. */
    public static void write(Path target, byte[] bytes, int length, Set<PosixFilePermission> permissions)
            throws IOException {
        Objects.checkFromIndexSize(0, length, bytes.length);
        Temp temp = createTemp(target);
        boolean renamed = false;
        try {
            try (FileChannel out = temp.channel()) {
                for (int at = 0; at < length; at += WRITE_SLICE) {
                    ByteBuffer slice = ByteBuffer.wrap(bytes, at, Math.min(WRITE_SLICE, length - at));
                    while (slice.hasRemaining()) {
                        out.write(slice);
                    }
                }
            }
            finish(temp.path(), target, permissions);
            renamed = true;
        } finally {
            release(temp.path(), renamed);
        }
    }

    /**
     * {@link #write(Path, byte[], Set)} with the content given as buffers in order (a gathered result: slices of the
     * input and new records), written with gathering writes of up to {@link #WRITE_SLICE} bytes each; the buffers'
     * positions are consumed.
     */
    public static void write(Path target, List<ByteBuffer> content, Set<PosixFilePermission> permissions)
            throws IOException {
        Temp temp = createTemp(target);
        boolean renamed = false;
        try {
            try (FileChannel out = temp.channel()) {
                List<ByteBuffer> batch = new ArrayList<>();
                long batched = 0;
                for (ByteBuffer buffer : content) {
                    while (buffer.hasRemaining()) {
                        int take = (int) Math.min(buffer.remaining(), WRITE_SLICE - batched);
                        ByteBuffer slice = buffer.slice(buffer.position(), take);
                        buffer.position(buffer.position() + take);
                        batch.add(slice);
                        batched += take;
                        if (batched == WRITE_SLICE) {
                            writeFully(out, batch);
                            batched = 0;
                        }
                    }
                }
                writeFully(out, batch);
            }
            finish(temp.path(), target, permissions);
            renamed = true;
        } finally {
            release(temp.path(), renamed);
        }
    }

    /** Writes and then clears {@code batch}. */
    private static void writeFully(FileChannel out, List<ByteBuffer> batch) throws IOException {
        ByteBuffer[] buffers = batch.toArray(ByteBuffer[]::new);
        int first = 0;
        while (first < buffers.length) {
            out.write(buffers, first, buffers.length - first);
            while (first < buffers.length && !buffers[first].hasRemaining()) {
                first++;
            }
        }
        batch.clear();
    }

    /** The permission bits of {@code file}, or null on a file system without them. */
    public static Set<PosixFilePermission> permissionsOf(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        return view == null ? null : view.readAttributes().permissions();
    }


    /** Replaces (or creates) {@code target} with a copy of {@code source}, streamed: for files too large to hold. */
    public static void copy(Path source, Path target) throws IOException {
        Temp temp = createTemp(target);
        boolean renamed = false;
        try {
            try (OutputStream out = Channels.newOutputStream(temp.channel());
                 InputStream in = Files.newInputStream(source)) {
                in.transferTo(out);
            }
            finish(temp.path(), target, Files.exists(source) ? permissionsOf(source) : null);
            renamed = true;
        } finally {
            release(temp.path(), renamed);
        }
    }

    /** A temporary file just created, open for writing. */
    private record Temp(Path path, FileChannel channel) {
    }

    private static Temp createTemp(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!DIRECTORIES.contains(dir)) {
            Files.createDirectories(dir);
            DIRECTORIES.add(dir);
        }
        try {
            return newTemp(dir, target);
        } catch (NoSuchFileException e) {
            // Removed behind our back since we made it: make it again, once.
            Files.createDirectories(dir);
            return newTemp(dir, target);
        }
    }

    /**
     * Creates {@code .NAME.PID.N.imageguard-tmp} with the next N of this process, owner-only (as
     * {@code Files.createTempFile} would) until {@link #finish} gives it the original's bits, and opens it in the same
     * call: one {@code open} per file, and no random number generator to seed. A dot name so web servers and globs
     * (*.jpg) ignore it should a crash leave it behind; the process id in it tells a later run whether its writer is
     * gone (TempLeftovers). A name left by an earlier process with the same id is skipped.
     */
    private static Temp newTemp(Path dir, Path target) throws IOException {
        String prefix = TempLeftovers.prefixFor(target);
        FileAttribute<?>[] ownerOnly = dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {OWNER_ONLY} : new FileAttribute<?>[0];
        while (true) {
            Path temp = dir.resolve(prefix + SEQUENCE.incrementAndGet() + TempLeftovers.SUFFIX);
            PENDING.add(temp);
            try {
                return new Temp(temp, FileChannel.open(temp, CREATE_NEW_FOR_WRITING, ownerOnly));
            } catch (FileAlreadyExistsException e) {
                PENDING.remove(temp); // not ours: try the next number
            } catch (IOException | RuntimeException e) {
                PENDING.remove(temp);
                throw e;
            }
        }
    }

    /** The N of the last temporary name this process tried. */
    static long lastTempNumber() {
        return SEQUENCE.get();
    }

    /** Whether this process is writing {@code temp} right now. */
    static boolean isPending(Path temp) {
        return PENDING.contains(temp) || PENDING.contains(temp.toAbsolutePath());
    }

    /** After a successful rename there is nothing left to delete; after a failure the temporary file goes. */
    private static void release(Path temp, boolean renamed) throws IOException {
        try {
            if (!renamed) {
                Files.deleteIfExists(temp);
            }
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

    private static void finish(Path temp, Path target, Set<PosixFilePermission> permissions) throws IOException {
        if (permissions != null) {
            Files.setPosixFilePermissions(temp, permissions);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
