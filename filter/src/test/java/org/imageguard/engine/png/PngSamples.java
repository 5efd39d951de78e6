package org.imageguard.engine.png;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;

import org.imageguard.engine.RewriteReport;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.FixedMetadataPlan;
import org.imageguard.testing.Fixtures;

/** Fixtures, hand-made chunks and the independent checks the PNG tests share. */
final class PngSamples {

    private PngSamples() {
    }

    static byte[] fixture(String name) {
        return Fixtures.bytes(PngSamples.class, name);
    }

    /** A complete chunk (length, type, data, CRC). */
    static byte[] chunk(String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngRewriter.writeChunk(out, type, data);
        return out.toByteArray();
    }

    static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** {@code png} with {@code chunks} inserted just before IEND (the last 12 bytes of a file without trailer). */
    static byte[] beforeIend(byte[] png, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, png.length - 12);
        for (byte[] chunk : chunks) {
            out.writeBytes(chunk);
        }
        out.write(png, png.length - 12, 12);
        return out.toByteArray();
    }

    static byte[] rewrite(byte[] png, FixedMetadataPlan plan) {
        return new PngRewriter().rewrite(png, plan, new RewriteReport.Builder());
    }

    static List<String> types(byte[] png) {
        return PngChunkReader.read(png).chunks().stream().map(PngChunk::type).toList();
    }

    /** The data of every chunk of one type, in order. */
    static List<byte[]> data(byte[] png, String type) {
        return PngChunkReader.read(png).chunks().stream().filter(c -> c.is(type)).map(c -> c.data(png)).toList();
    }

    /** pngcheck's verdict: it exits 0 and says "No errors". */
    static void assertPngcheckPasses(byte[] png) {
        ExternalTool.Result result = ExternalTool.run(List.of("pngcheck", "-v", "-"), png);
        assertThat(result.exitCode()).as(result.out() + result.stderr()).isZero();
        assertThat(result.out()).contains("No errors");
    }
}
