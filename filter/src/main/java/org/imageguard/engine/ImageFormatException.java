package org.imageguard.engine;

/**
 * An image that cannot be parsed safely. The message names the format, the offset and what was expected against
 * what was found, e.g. {@code JPEG at offset 2: expected a marker (0xFF), found 0x3C}. It is the only exception the
 * engine lets out for bad input.
 */
public final class ImageFormatException extends RuntimeException {

    private final ImageFormat format;
    private final long offset;

    public ImageFormatException(ImageFormat format, long offset, String problem) {
        super(format + " at offset " + offset + ": " + problem);
        this.format = format;
        this.offset = offset;
    }

    public ImageFormatException(ImageFormat format, long offset, String problem, Throwable cause) {
        super(format + " at offset " + offset + ": " + problem, cause);
        this.format = format;
        this.offset = offset;
    }

    public ImageFormat format() {
        return format;
    }

    public long offset() {
        return offset;
    }
}
