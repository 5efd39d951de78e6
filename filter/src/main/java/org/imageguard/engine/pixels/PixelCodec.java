package org.imageguard.engine.pixels;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.IIOServiceProvider;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.spi.ServiceRegistry;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import com.luciad.imageio.webp.CompressionType;
import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWriteParam;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;

/**
 * The readers and writers of the pixel work, used in memory only (ImageIO's default stream cache would spill to temp
 * files): TwelveMonkeys' JPEG reader (made for real-world files: Adobe APP14 transforms, broken ICC profiles, CMYK
 * and YCCK; it wraps the JDK's decoder and repairs what that one refuses), the JDK's JPEG and PNG writers and PNG
 * reader. The header is read before any pixel, so a decompression bomb is refused by its declared size.
 *
 * <p>Every codec is picked by its class, never by whatever ImageIO's JVM-wide registry ranks first: a host
 * application (or TwelveMonkeys' own service entries, in the proxy) may have registered other JPEG plugins there, and
 * the same input must give the same bytes everywhere. The engine registers nothing in that registry.
 *
 * <pre>{@code
 * Dimension size = PixelCodec.size(bytes, "jpeg");
 * BufferedImage image = PixelCodec.decode(bytes, "jpeg");
 * byte[] jpeg = PixelCodec.encodeJpeg(image, 82);
 * }</pre>
 */
final class PixelCodec {

    private static final String JDK_JPEG_READER = "com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi";
    private static final String JDK_JPEG_WRITER = "com.sun.imageio.plugins.jpeg.JPEGImageWriterSpi";
    private static final String JDK_PNG_READER = "com.sun.imageio.plugins.png.PNGImageReaderSpi";
    private static final String JDK_PNG_WRITER = "com.sun.imageio.plugins.png.PNGImageWriterSpi";

    /**
     * TwelveMonkeys' reader provider, registered in a private registry beside the JDK's JPEG reader: registration is
     * how it finds the decoder it delegates to, and a private registry keeps it out of the JVM-wide one.
     */
    private static final ImageReaderSpi JPEG_READER = robustJpegReader();

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
        String name = format.equals("jpeg") ? JDK_JPEG_WRITER : JDK_PNG_WRITER;
        return jdkProvider(ImageWriterSpi.class, name).createWriterInstance();
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
        if (format.equals("jpeg")) {
            return JPEG_READER.createReaderInstance();
        }
        return jdkProvider(ImageReaderSpi.class, JDK_PNG_READER).createReaderInstance();
    }

    /** The JDK's own provider of that class, found among the standard ones every registry starts with. */
    private static <T extends IIOServiceProvider> T jdkProvider(Class<T> category, String className)
            throws IOException {
        Iterator<T> providers = IIORegistry.getDefaultInstance().getServiceProviders(category,
                p -> p.getClass().getName().equals(className), false);
        if (!providers.hasNext()) {
            throw new IOException("no " + className + " in this Java runtime");
        }
        return providers.next();
    }

    private static ImageReaderSpi robustJpegReader() {
        try {
            ServiceRegistry registry = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());
            registry.registerServiceProvider(jdkProvider(ImageReaderSpi.class, JDK_JPEG_READER), ImageReaderSpi.class);
            JPEGImageReaderSpi robust = new JPEGImageReaderSpi();
            registry.registerServiceProvider(robust, ImageReaderSpi.class);
            if (!registry.contains(robust)) {
                // It deregisters itself when it finds no JDK decoder to delegate to.
                throw new IllegalStateException("TwelveMonkeys JPEG reader found no JDK JPEG decoder to wrap");
            }
            return robust;
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
