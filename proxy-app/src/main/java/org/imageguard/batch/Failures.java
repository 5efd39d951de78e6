package org.imageguard.batch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.imageguard.engine.ImageFormatException;

/**
 * The reason part of a {@code path: reason} message: what a user can act on, without a stack trace. Shared by
 * {@code rewrite} and {@code inspect}.
 *
 * <pre>{@code
 * err.println(file + ": " + Failures.describe(e));   // "a.jpg: JPEG at offset 2: expected a marker (0xFF), ..."
 * }</pre>
 */
public final class Failures {

    private Failures() {
    }

    public static String describe(Exception e) {
        if (e instanceof ImageFormatException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason(); // the OS's words, without the file name the caller already prints
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        String message = e.getMessage();
        String kind = e instanceof IOException ? "I/O error" : e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
