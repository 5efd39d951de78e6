package org.imageguard.engine.gif;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.imageguard.engine.FormatRewriter;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.MetadataPlan;
import org.imageguard.engine.RewriteReport;

/**
 * GIF metadata surgery at block level: images and graphic control extensions are copied byte for byte, so every
 * frame, its timing and the animation loop survive.
 *
 * <p>The output is a GIF89a header (a GIF87a one is upgraded: only 89a may carry extensions, and the version bytes do
 * not change pixels), the screen descriptor and global colour table, the loop extensions that follow them
 * ({@code NETSCAPE2.0}, {@code ANIMEXTS1.0}: some decoders only look for them right there), one XMP extension with
 * the plan's packet, then the remaining blocks minus the old XMP extensions and what {@link GifBlockPolicy} drops.
 * Bytes after the trailer are dropped; a missing trailer is added.
 *
 * <pre>{@code
 * byte[] out = new GifRewriter().rewrite(gifBytes, plan, new RewriteReport.Builder());
 * }</pre>
 */
public final class GifRewriter implements FormatRewriter {

    @Override
    public ImageFormat format() {
        return ImageFormat.GIF;
    }

    @Override
    public byte[] rewrite(byte[] input, MetadataPlan plan, RewriteReport.Builder report) {
        GifFile gif = GifBlockReader.read(input);
        report.format(ImageFormat.GIF).dimensions(gif.width(), gif.height());
        GifBlock oldXmp = GifXmp.first(gif);
        byte[] packet = plan.standardXmp(existingXmp(input, oldXmp, report::removed));
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + packet.length + 300);
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        if (gif.version().equals("87a")) {
            report.added("GIF89a version (was GIF87a, which cannot carry extensions)");
        }
        out.write(input, 6, gif.screenEnd() - 6);
        List<GifBlock> blocks = gif.blocks();
        int xmpAt = GifBlockPolicy.xmpPosition(blocks);
        GifBlockPolicy policy = new GifBlockPolicy(plan.strip(), oldXmp);
        for (int i = 0; i <= blocks.size(); i++) {
            if (i == xmpAt) {
                out.writeBytes(GifXmp.block(packet));
            }
            if (i < blocks.size()) {
                copyOrDrop(out, input, blocks.get(i), policy.removedAs(blocks.get(i)), report);
            }
        }
        out.write(0x3B);
        if (!gif.hasTrailer()) {
            report.added("GIF trailer (the file had none)");
        }
        if (gif.trailingBytes() > 0) {
            report.removed("GIF " + gif.trailingBytes() + " bytes after the trailer");
        }
        return out.toByteArray();
    }

    @Override
    public ImageMetadata read(byte[] input) {
        GifFile gif = GifBlockReader.read(input);
        List<String> others = new ArrayList<>();
        for (GifBlock block : gif.blocks()) {
            if (block.label() == GifBlock.COMMENT) {
                others.add("GIF comment");
            } else if (block.label() == GifBlock.PLAIN_TEXT) {
                others.add("GIF plain text");
            } else if (block.label() == GifBlock.APPLICATION && !GifXmp.isXmp(block)) {
                others.add("GIF application " + block.printableApplicationId());
            }
        }
        return new ImageMetadata(ImageFormat.GIF, gif.width(), gif.height(), gif.frames(),
                existingXmp(input, GifXmp.first(gif), problem -> { }), null, others);
    }

    /** The packet of the image's first XMP extension, or null; one without its magic trailer is told to problems. */
    private static byte[] existingXmp(byte[] input, GifBlock oldXmp, Consumer<String> problems) {
        if (oldXmp == null) {
            return null;
        }
        byte[] packet = GifXmp.packet(input, oldXmp);
        if (packet == null) {
            problems.accept("GIF XMP extension without its magic trailer");
        }
        return packet;
    }

    private static void copyOrDrop(ByteArrayOutputStream out, byte[] input, GifBlock block, String removedAs,
                                   RewriteReport.Builder report) {
        if (removedAs == null) {
            out.write(input, block.offset(), block.end() - block.offset());
        } else if (!removedAs.isEmpty()) {
            report.removed(removedAs);
        }
    }
}
