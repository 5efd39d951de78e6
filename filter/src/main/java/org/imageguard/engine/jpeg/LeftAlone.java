package org.imageguard.engine.jpeg;

/**
 * A valid JPEG the lossless optimiser does not re-encode; the message says why and the file is kept as it was.
 * Control flow only: no stack trace is filled in.
 */
final class LeftAlone extends RuntimeException {

    LeftAlone(String why) {
        super(why, null, false, false);
    }
}
