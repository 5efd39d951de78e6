package org.imageguard.config;

import java.awt.Dimension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The logo of {@code watermark.logo}: a PNG or JPEG file read and checked once, when the configuration loads (it
 * exists, is readable, at most {@link #MAX_BYTES} bytes and {@link #MAX_SIDE} pixels a side, and decodes), so a bad
 * logo is a configuration error, not a failure on every image. Its SHA-256 goes into the policy fingerprint:
 * replacing the file's content changes the ETags of watermarked images at the next reload.
 *
 * <pre>{@code
 * WatermarkLogo logo = WatermarkLogo.load("/etc/imageguard/logo.png"); // IllegalArgumentException naming the problem
 * byte[] png = logo.bytes();
 * }</pre>
 */
public final class WatermarkLogo {

    public static final int MAX_BYTES = 1 << 20;
    public static final int MAX_SIDE = 2048;

    private final Path path;
    private final byte[] bytes;
    private final String sha256;
    private final int width;
    private final int height;

    private WatermarkLogo(Path path, byte[] bytes, int width, int height) {
        this.path = path;
        this.bytes = bytes;
        this.sha256 = sha256(bytes);
        this.width = width;
        this.height = height;
    }

    /** Reads and checks the file; relative paths are relative to the working directory, as {@code origin.root}. */
    public static WatermarkLogo load(String value) {
        Path path;
        try {
            path = Path.of(ConfigValues.requireText(value));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(ConfigValues.expected("a PNG or JPEG file", value), e);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("'" + path + "' does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("'" + path + "' cannot be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("'" + path + "' is larger than " + MAX_BYTES + " bytes");
        }
        Dimension size = checkDecodes(path, bytes);
        return new WatermarkLogo(path, bytes, size.width, size.height);
    }

    private static Dimension checkDecodes(Path path, byte[] bytes) {
        boolean png = bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N';
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
        if (!png && !jpeg) {
            throw new IllegalArgumentException("'" + path + "' is not a PNG or JPEG file");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(png ? "png" : "jpeg");
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w > MAX_SIDE || h > MAX_SIDE) {
                throw new IllegalArgumentException("'" + path + "' is " + w + "×" + h + " pixels; a logo may be at"
                        + " most " + MAX_SIDE + "×" + MAX_SIDE);
            }
            reader.read(0);
            return new Dimension(w, h);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("'")) {
                throw iae;
            }
            throw new IllegalArgumentException("'" + path + "' does not decode as " + (png ? "PNG" : "JPEG") + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            reader.dispose();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public Path path() {
        return path;
    }

    /** The file's bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Hex SHA-256 of the file's content: what the policy fingerprint and equality go by. */
    public String sha256() {
        return sha256;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WatermarkLogo other && other.path.equals(path) && other.sha256.equals(sha256);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + sha256.hashCode();
    }

    @Override
    public String toString() {
        return path + " (" + width + "×" + height + ", sha256 " + sha256.substring(0, 12) + "…)";
    }
}
