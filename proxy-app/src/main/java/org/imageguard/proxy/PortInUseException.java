package org.imageguard.proxy;

/** A port the proxy must listen on is taken; the message says which and which flag picks another. */
public final class PortInUseException extends Exception {

    public PortInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
