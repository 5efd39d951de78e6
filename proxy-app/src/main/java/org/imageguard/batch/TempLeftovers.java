package org.imageguard.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files {@link AtomicFiles} writes next to each target, {@code .NAME.PID.N.imageguard-tmp}, as
 * found by a later run. A run killed with SIGKILL (no shutdown hook runs) leaves them behind; they are never inputs
 * (a half-written PNG would fail every later run), and those of runs that are over are removed.
 *
 * <p>A leftover counts as stale, and is removed, only when no running process can still be writing it: the process
 * named in it is gone (or is this one, which has not written it) and it has not been modified for
 * {@link #QUIET}; a name without a process id (written by an older version) must have been quiet for
 * {@link #QUIET_UNKNOWN_WRITER}. A concurrent run on the same tree, or in another container whose process ids this
 * one cannot see, is thereby left alone while it writes.
 *
 * <pre>{@code
 * TempLeftovers.isTemporary(path);                 // never an input
 * TempLeftovers.removeIfStale(path, attrs, now);   // true when it was a dead run's and is gone
 * }</pre>
 */
public final class TempLeftovers {

    /** The suffix of every temporary file; dot-named so web servers and globs skip them. */
    static final String SUFFIX = ".imageguard-tmp";

    /** How long a dead process's temporary file must have been untouched before it is removed. */
    static final Duration QUIET = Duration.ofMinutes(1);

    /** The same for a name without a process id: no way to tell whether its writer still runs. */
    static final Duration QUIET_UNKNOWN_WRITER = Duration.ofHours(1);

    /** {@code .NAME.PID.N.imageguard-tmp}: what {@link AtomicFiles} names them since process ids were added. */
    private static final Pattern WITH_PID = Pattern.compile("^\\..+\\.(\\d{1,10})\\.\\d+\\.imageguard-tmp$");

    private TempLeftovers() {
    }

    /** The prefix for a temporary file of {@code target} written by this process. */
    static String prefixFor(Path target) {
        return "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
    }

    /** Whether {@code file} is one of our temporary files, whoever wrote it. */
    public static boolean isTemporary(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().startsWith(".") && name.toString().endsWith(SUFFIX);
    }

    /**
     * Removes {@code file} when it is a temporary file that no running process can still be writing.
     *
     * @return whether it was removed
     */
    public static boolean removeIfStale(Path file, BasicFileAttributes attributes, Instant now) {
        if (!isTemporary(file) || !attributes.isRegularFile()) {
            return false;
        }
        Duration quietFor = Duration.between(attributes.lastModifiedTime().toInstant(), now);
        OptionalLong pid = writerPid(file);
        boolean stale = pid.isPresent()
                ? !writerRuns(file, pid.getAsLong()) && quietFor.compareTo(QUIET) >= 0
                : quietFor.compareTo(QUIET_UNKNOWN_WRITER) >= 0;
        if (!stale) {
            return false;
        }
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false; // left for the next run; it is never taken as an input anyway
        }
    }

    private static OptionalLong writerPid(Path file) {
        Matcher m = WITH_PID.matcher(file.getFileName().toString());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** This process writes only the files it lists as pending; another process id may still be at work. */
    private static boolean writerRuns(Path file, long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return AtomicFiles.isPending(file);
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
