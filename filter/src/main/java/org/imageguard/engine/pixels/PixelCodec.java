package org.imageguard.engine.pixels;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.luciad.imageio.webp.CompressionType;
import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWriteParam;

/**
 * The JDK's JPEG and PNG readers and writers, used in memory only (ImageIO's default stream cache would spill to temp
 * files). The header is read before any pixel, so a decompression bomb is refused by its declared size.
 *
 * <pre>{@code
 * Dimension size = PixelCodec.size(bytes, "jpeg");
 * BufferedImage image = PixelCodec.decode(bytes, "jpeg");
 * byte[] jpeg = PixelCodec.encodeJpeg(image, 82);
 * }</pre>
 */
final class PixelCodec {

    private PixelCodec() {
    }

    /** Width and height from the header, nothing decoded. */
    static Dimension size(byte[] image, String format) throws IOException {
        ImageReader reader = reader(format);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(image))) {
            reader.setInput(in, true, true);
            return new Dimension(reader.getWidth(0), reader.getHeight(0));
        } finally {
            reader.dispose();
        }
    }

    static BufferedImage decode(byte[] image, String format) throws IOException {
        ImageReader reader = reader(format);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(image))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Baseline JPEG at a libjpeg quality (1..100): the JDK scales the standard's tables as libjpeg does, subsamples
     * chroma 4:2:0 (cjpeg's default) and, asked to, computes optimal Huffman tables.
     */
    static byte[] encodeJpeg(BufferedImage image, int quality) throws IOException {
        JPEGImageWriteParam param = new JPEGImageWriteParam(null);
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
        param.setOptimizeHuffmanTables(true);
        return encode(image, "jpeg", param);
    }

    static byte[] encodePng(BufferedImage image) throws IOException {
        return encode(image, writer("png"), null);
    }

    /**
     * WebP through libwebp (webp-imageio): lossy at a quality (0..100, as cwebp's {@code -q}) or lossless. The writer
     * is made directly, not looked up in ImageIO's registry, which a servlet container may have filled from another
     * class loader.
     */
    static byte[] encodeWebp(BufferedImage image, boolean lossless, int quality) throws IOException {
        WebPWriteParam param = new WebPWriteParam(null);
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(lossless ? CompressionType.Lossless : CompressionType.Lossy);
        param.setCompressionQuality(lossless ? 1f : quality / 100f);
        return encode(image, new WebPImageWriterSpi().createWriterInstance(null), param);
    }

    private static byte[] encode(BufferedImage image, String format, ImageWriteParam param) throws IOException {
        return encode(image, writer(format), param);
    }

    private static ImageWriter writer(String format) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IOException("no " + format + " writer in this Java runtime");
        }
        return writers.next();
    }

    private static byte[] encode(BufferedImage image, ImageWriter writer, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ImageReader reader(String format) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IOException("no " + format + " reader in this Java runtime");
        }
        return readers.next();
    }
}
