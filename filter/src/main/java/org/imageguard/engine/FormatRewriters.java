package org.imageguard.engine;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imageguard.engine.gif.GifRewriter;
import org.imageguard.engine.heif.HeifRewriter;
import org.imageguard.engine.jpeg.JpegRewriter;
import org.imageguard.engine.jxl.JxlRewriter;
import org.imageguard.engine.png.PngRewriter;
import org.imageguard.engine.svg.SvgRewriter;
import org.imageguard.engine.tiff.TiffRewriter;
import org.imageguard.engine.webp.WebpRewriter;

/** The rewriter for each supported format. */
public final class FormatRewriters {

    private final Map<ImageFormat, FormatRewriter> byFormat = new EnumMap<>(ImageFormat.class);

    public FormatRewriters(List<FormatRewriter> rewriters) {
        for (FormatRewriter rewriter : rewriters) {
            if (byFormat.put(rewriter.format(), rewriter) != null) {
                throw new IllegalArgumentException("two rewriters for " + rewriter.format());
            }
        }
    }

    /** One rewriter per format ImageGuard embeds metadata in. */
    public static FormatRewriters defaults() {
        return new FormatRewriters(List.of(
                new JpegRewriter(),
                new PngRewriter(),
                new GifRewriter(),
                new WebpRewriter(),
                new SvgRewriter(),
                new TiffRewriter(),
                new JxlRewriter(),
                new HeifRewriter(ImageFormat.AVIF),
                new HeifRewriter(ImageFormat.HEIF)
        ));
    }

    public Optional<FormatRewriter> forFormat(ImageFormat format) {
        return Optional.ofNullable(byFormat.get(format));
    }
}
