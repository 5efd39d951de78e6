package org.imageguard.http;

import java.util.Objects;

/**
 * A file ImageGuard answers itself at a fixed path, possibly built on the origin's own: {@code /robots.txt}
 * (augmented or replaced) and {@code /.well-known/tdmrep.json} (served unless the origin has one). The origin's
 * response is held in full (these files are small) so an error page or a 404 can be replaced by ours.
 *
 * <pre>{@code
 * SiteFile tdmrep = new SiteFile() {
 *     public boolean asksOrigin() { return true; }
 *     public boolean keeps(OriginResponse origin) { return origin.status() == 200; }
 *     public Content content(OriginResponse origin, byte[] body) { return new Content("application/json", json); }
 * };
 * ImageGuardPipeline.builder().siteFiles(Map.of("/.well-known/tdmrep.json", tdmrep));
 * }</pre>
 */
public interface SiteFile {

    /** False: answer from {@link #content} alone without asking the origin ({@code robots-txt: replace}). */
    boolean asksOrigin();

    /** Whether the origin's response stands as it is, streamed through untouched. */
    boolean keeps(OriginResponse origin);

    /**
     * What to serve with status 200.
     *
     * @param origin the origin's response when it answered 200, else null (not asked, 404, any error)
     * @param body   its body when it answered 200, else null
     */
    Content content(OriginResponse origin, byte[] body);

    /** A body and its Content-Type. */
    record Content(String contentType, byte[] body) {
        public Content {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }
}
