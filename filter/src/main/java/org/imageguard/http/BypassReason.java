package org.imageguard.http;

import org.imageguard.engine.ImageGuardEngine;

/**
 * Why ImageGuard left a response unprotected or refused it: the word after {@code bypass;reason=} in
 * {@code X-ImageGuard} (docs/http.md), and the {@code reason} label of the request metrics.
 */
public enum BypassReason {
    /** Larger than {@code max-image-size}: streamed untouched. */
    TOO_LARGE("too-large"),
    /** A {@code Content-Encoding} other than identity: streamed untouched. */
    ENCODED("encoded"),
    /** The origin forbids transformation: streamed untouched. */
    NO_TRANSFORM("no-transform"),
    /** The in-flight budget was spent and {@code on-busy: pass} let the original through. */
    BUSY("busy"),
    /** (filter) the servlet went asynchronous before finishing its body. */
    ASYNC("async"),
    /** The image could not be rewritten; {@code on-error} decided what was sent. */
    ERROR("error"),
    /** An image in a format ImageGuard cannot protect; {@code on-unsupported} decided what was sent. */
    UNSUPPORTED("unsupported"),
    /** Refused as a hotlink. */
    HOTLINK("hotlink"),
    /** Refused to an AI training crawler. */
    CRAWLER("crawler");

    private final String word;

    BypassReason(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** The reason for an engine report that is not {@code rewritten} ({@code unsupported}, {@code too-large}). */
    static BypassReason ofEngineOutcome(String outcome) {
        return switch (outcome) {
            case ImageGuardEngine.TOO_LARGE -> TOO_LARGE;
            case ImageGuardEngine.UNSUPPORTED -> UNSUPPORTED;
            default -> throw new IllegalArgumentException("not an engine bypass outcome: " + outcome);
        };
    }
}
