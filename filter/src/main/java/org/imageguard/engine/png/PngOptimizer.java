package org.imageguard.engine.png;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.imageguard.config.OptimizeEffort;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.LosslessOptimizer;

/**
 * Lossless PNG recompression: decode the pixels, pick the smallest colour type and bit depth that holds them exactly
 * (RGBA without alpha to RGB, grey when R = G = B, a palette for 256 colours or fewer, 16 to 8 bits when every sample
 * is a multiple of 257, a colour key for a single transparent colour), then re-filter and re-deflate, keeping the
 * smallest of a few trials. Interlaced images come out non-interlaced: the same pixels, fewer bytes.
 *
 * <p>Every ancillary chunk stays, in order; those laid out by colour type (tRNS, bKGD, sBIT) are rewritten for the
 * new one, hIST goes when the palette changes. An embedded ICC profile keeps the image in its colour space (no RGB to
 * grey under an RGB profile). Animated PNGs (APNG) and images with unknown chunks that depend on the pixels are left
 * as they were.
 *
 * <pre>{@code
 * LosslessOptimizer.Result r = new PngOptimizer().optimize(protectedPng, OptimizeEffort.DEFAULT, 50_000_000L);
 * }</pre>
 */
public final class PngOptimizer implements LosslessOptimizer {

    /**
     * The largest inflated image (filter bytes included) we decode: the raw rows, a re-encoded copy, a filtered copy
     * and the compressed trials all live at once, about four times this, which stays inside a 256 MB heap.
     */
    static final int MAX_INFLATED_BYTES = 40 << 20;

    /** Chunks laid out by colour type or palette: written anew for the chosen encoding. */
    private static final Set<String> REWRITTEN = Set.of("IHDR", "PLTE", "tRNS", "bKGD", "sBIT", "hIST", "IDAT",
            "IEND");

    /** Ancillary chunks whose meaning survives a change of colour type, bit depth, filters and compression. */
    private static final Set<String> KEPT = Set.of("cHRM", "gAMA", "iCCP", "sRGB", "cICP", "mDCV", "cLLI", "tEXt",
            "zTXt", "iTXt", "pHYs", "sPLT", "eXIf", "tIME", "oFFs", "pCAL", "sCAL", "sTER", "gIFg", "gIFx");

    private static final Set<String> ANIMATION = Set.of("acTL", "fcTL", "fdAT");

    @Override
    public ImageFormat format() {
        return ImageFormat.PNG;
    }

    @Override
    public Result optimize(byte[] image, OptimizeEffort effort, long maxPixels) {
        try {
            Optimized best = optimized(PngChunkReader.read(image), effort, maxPixels);
            if (best.file().length >= image.length) {
                return Result.unchanged(image, "already as small as " + best.note());
            }
            return new Result(best.file(), best.note());
        } catch (PngLeftAlone e) {
            return Result.unchanged(image, e.getMessage());
        }
    }

    private record Optimized(byte[] file, String note) {
    }

    private static Optimized optimized(PngFile png, OptimizeEffort effort, long maxPixels) {
        checkChunks(png);
        PngHeader header = PngHeader.of(png);
        if ((long) header.width() * header.height() > maxPixels) {
            throw new PngLeftAlone(header.width() + "x" + header.height() + " is above the pixel limit: left as it was");
        }
        long size = PngImageData.inflatedSize(header);
        if (size > MAX_INFLATED_BYTES) {
            throw new PngLeftAlone(size + " bytes of pixel data is above the " + MAX_INFLATED_BYTES
                    + " this optimizer decodes: left as it was");
        }
        PngRaster raster = raster(png, header, (int) size);
        PngColours colours = PngColours.of(raster);
        if (colours.badPaletteIndex) {
            throw new PngLeftAlone("a pixel's palette index has no PLTE entry: left as it was");
        }
        List<PngEncoding> candidates = PngEncoding.candidates(colours, raster.sampleDepth(),
                PngIccProfiles.family(png, header));
        if (candidates.isEmpty()) {
            throw new PngLeftAlone("the ICC profile's colour space does not match the image: left as it was");
        }
        int tried = effort == OptimizeEffort.MAX ? Math.min(2, candidates.size()) : 1;
        PngTrials.Best best = null;
        PngEncoding chosen = null;
        for (PngEncoding encoding : candidates.subList(0, tried)) {
            byte[] rows = encoding.encode(raster);
            PngHeader target = encoding.header(header);
            int limit = best == null ? Integer.MAX_VALUE : best.idat().length;
            PngTrials.Best trial = PngTrials.run(rows, target, effort, limit);
            if (trial != null) {
                best = trial;
                chosen = encoding;
            }
        }
        String note = describe(header, chosen, best);
        return new Optimized(assemble(png, raster, chosen, best.idat()), note);
    }

    private static void checkChunks(PngFile png) {
        int palettes = 0;
        int transparencies = 0;
        for (PngChunk chunk : png.chunks()) {
            String type = chunk.type();
            if (ANIMATION.contains(type)) {
                throw new PngLeftAlone("animated PNG (APNG): frames left as they were");
            }
            if (chunk.critical() && !REWRITTEN.contains(type)) {
                throw new PngLeftAlone("unknown critical chunk " + type + ": left as it was");
            }
            boolean unsafeToCopy = Character.isUpperCase(type.charAt(3));
            if (!chunk.critical() && unsafeToCopy && !REWRITTEN.contains(type) && !KEPT.contains(type)) {
                throw new PngLeftAlone("chunk " + type + " depends on the pixel data: left as it was");
            }
            palettes += chunk.is("PLTE") ? 1 : 0;
            transparencies += chunk.is("tRNS") ? 1 : 0;
        }
        if (palettes > 1 || transparencies > 1) {
            throw new PngLeftAlone("more than one PLTE or tRNS: left as it was");
        }
    }

    private static PngRaster raster(PngFile png, PngHeader header, int inflatedSize) {
        PngChunk plte = first(png, "PLTE");
        PngChunk trns = first(png, "tRNS");
        int[] palette = null;
        int[] key = null;
        byte[] b = png.bytes();
        if (header.colourType() == PngHeader.PALETTE) {
            if (plte == null) {
                throw new ImageFormatException(ImageFormat.PNG, png.chunks().get(0).offset(),
                        "expected PLTE for colour type 3, found none");
            }
            if (plte.length() == 0 || plte.length() % 3 != 0 || plte.length() > 3 * 256) {
                throw new ImageFormatException(ImageFormat.PNG, plte.offset(),
                        "expected PLTE of 3..768 bytes in threes, found " + plte.length());
            }
            if (trns != null && trns.length() > plte.length() / 3) {
                throw new PngLeftAlone("tRNS has more entries than PLTE: left as it was");
            }
            palette = new int[plte.length() / 3];
            for (int i = 0; i < palette.length; i++) {
                int at = plte.dataOffset() + 3 * i;
                int alpha = trns != null && i < trns.length() ? b[trns.dataOffset() + i] & 0xFF : 0xFF;
                palette[i] = (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | alpha;
            }
        } else if (trns != null) {
            key = colourKey(trns, header, b);
        }
        if (plte != null && header.greyFamily()) {
            throw new PngLeftAlone("PLTE in a grey image: left as it was");
        }
        byte[] rows = PngImageData.decode(png, header, inflatedSize);
        return new PngRaster(new PngHeader(header.width(), header.height(), header.bitDepth(), header.colourType(),
                false), rows, palette, key);
    }

    private static int[] colourKey(PngChunk trns, PngHeader header, byte[] b) {
        int expected = switch (header.colourType()) {
            case PngHeader.GREY -> 2;
            case PngHeader.RGB -> 6;
            default -> -1;
        };
        if (trns.length() != expected) {
            throw new PngLeftAlone("tRNS of " + trns.length() + " bytes for colour type " + header.colourType()
                    + ": left as it was");
        }
        int[] key = new int[expected / 2];
        for (int i = 0; i < key.length; i++) {
            key[i] = (b[trns.dataOffset() + 2 * i] & 0xFF) << 8 | b[trns.dataOffset() + 2 * i + 1] & 0xFF;
        }
        return key;
    }

    static PngChunk first(PngFile png, String type) {
        return png.chunks().stream().filter(c -> c.is(type)).findFirst().orElse(null);
    }

    /**
     * IHDR, the ancillary chunks before the image data in their order (sBIT rewritten in place), the new PLTE, tRNS,
     * bKGD and hIST, one IDAT, the ancillary chunks after the image data, IEND.
     */
    private static byte[] assemble(PngFile png, PngRaster raster, PngEncoding encoding, byte[] idat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(idat.length + 4096);
        out.writeBytes(PngChunkReader.SIGNATURE);
        PngRewriter.writeChunk(out, "IHDR", encoding.header(raster.header()).ihdr());
        byte[] file = png.bytes();
        boolean afterImage = false;
        for (PngChunk chunk : png.chunks()) {
            if (chunk.is("IDAT") && !afterImage) {
                afterImage = true;
                writePaletteChunks(out, png, raster, encoding);
                PngRewriter.writeChunk(out, "IDAT", idat);
            } else if (chunk.is("sBIT") && !afterImage) {
                byte[] bits = PngColourChunks.significantBits(chunk.data(file), raster.header(), encoding);
                if (bits != null) {
                    PngRewriter.writeChunk(out, "sBIT", bits);
                }
            } else if (!REWRITTEN.contains(chunk.type())) {
                out.write(file, chunk.offset(), chunk.end() - chunk.offset());
            }
        }
        PngRewriter.writeChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void writePaletteChunks(ByteArrayOutputStream out, PngFile png, PngRaster raster,
                                           PngEncoding encoding) {
        byte[] plte = null;
        if (encoding.palette() != null) {
            plte = encoding.plte();
            PngRewriter.writeChunk(out, "PLTE", plte);
        }
        byte[] trns = encoding.trns();
        if (trns != null) {
            PngRewriter.writeChunk(out, "tRNS", trns);
        }
        PngChunk bkgd = first(png, "bKGD");
        if (bkgd != null) {
            byte[] background = PngColourChunks.background(bkgd.data(png.bytes()), raster, encoding);
            if (background != null) {
                PngRewriter.writeChunk(out, "bKGD", background);
            }
        }
        PngChunk hist = first(png, "hIST");
        PngChunk sourcePlte = first(png, "PLTE");
        if (hist != null && plte != null && sourcePlte != null
                && Arrays.equals(plte, sourcePlte.data(png.bytes())) && hist.length() == 2 * (plte.length / 3)) {
            PngRewriter.writeChunk(out, "hIST", hist.data(png.bytes()));
        }
    }

    private static String describe(PngHeader source, PngEncoding encoding, PngTrials.Best best) {
        List<String> parts = new ArrayList<>();
        String from = name(source.colourType(), source.bitDepth());
        String to = name(encoding.colourType(), encoding.bitDepth());
        parts.add(from.equals(to) ? to : from + " to " + to);
        if (encoding.keyed()) {
            parts.add("tRNS colour key");
        }
        if (source.interlaced()) {
            parts.add("de-interlaced");
        }
        parts.add(best.describe());
        return String.join(", ", parts);
    }

    private static String name(int colourType, int bitDepth) {
        String type = switch (colourType) {
            case PngHeader.GREY -> "grey";
            case PngHeader.RGB -> "RGB";
            case PngHeader.PALETTE -> "palette";
            case PngHeader.GREY_ALPHA -> "grey+alpha";
            default -> "RGBA";
        };
        return type + " " + bitDepth + "-bit";
    }
}
