package org.imageguard.proxy;

/**
 * The origin could not be reached or did not answer in time. The proxy answers {@link #status()} (502 or 504) with
 * the short message as a text body, never a stack trace.
 */
final class OriginException extends Exception {

    private final int status;

    OriginException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    static OriginException unreachable(String message, Throwable cause) {
        return new OriginException(502, message, cause);
    }

    static OriginException timeout(String message, Throwable cause) {
        return new OriginException(504, message, cause);
    }

    int status() {
        return status;
    }
}
