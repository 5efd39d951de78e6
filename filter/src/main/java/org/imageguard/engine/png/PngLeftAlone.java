package org.imageguard.engine.png;

/**
 * A valid image the optimizer does not rewrite (an animation, an unknown chunk that depends on the pixels, a picture
 * above the pixel limit); the message is the note the report shows.
 */
final class PngLeftAlone extends RuntimeException {

    PngLeftAlone(String why) {
        super(why, null, false, false);
    }
}
