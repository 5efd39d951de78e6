package org.imageguard.engine.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.imageguard.config.OptimizeEffort;
import org.junit.jupiter.api.Test;

/**
 * Coefficients no photo encoder produces: random values up to the largest magnitude each precision allows (AC size
 * 10 and DC difference size 11 for 8-bit samples, 14 and 15 for 12-bit), coded as a sequential file with restart
 * markers. The 8-bit file is checked with djpeg; Debian's libjpeg-turbo has no 12-bit decoder, so the 12-bit file is
 * checked by decoding the optimiser's output back to coefficients, every one of which must be the input's.
 */
class JpegOptimizerExtremeCoefficientsTest {

    @Test
    void eightBitExtremesKeepTheirPixels() {
        byte[] in = synthetic(8, 0xC0, 1023, 1023, 2);

        everyScript(in).forEach((script, out) ->
                assertThat(Djpeg.cleanPixels(out)).as(script).isEqualTo(Djpeg.pixels(in)));
    }

    @Test
    void twelveBitExtremesKeepEveryCoefficient() {
        byte[] in = synthetic(12, 0xC1, 16383, 16383, 3);
        short[][] expected = decode(in);

        everyScript(in).forEach((script, out) -> assertThat(decode(out)).as(script).isDeepEqualTo(expected));
    }

    /** The input written with each of the maximum effort's scripts, whether or not it is smaller. */
    private static Map<String, byte[]> everyScript(byte[] in) {
        EntropyLayout layout = EntropyLayout.of(in, JpegSegmentReader.read(in), 1_000_000L);
        short[][] coefficients = CoefficientDecoder.decode(in, layout);
        ScanEncoder encoder = new ScanEncoder(layout.frame(), coefficients, ScanEncoder.nonzeroMasks(coefficients),
                layout.restartInterval());
        Map<String, byte[]> outputs = new LinkedHashMap<>();
        for (ScanScript script : JpegOptimizer.scripts(layout.frame(), OptimizeEffort.MAX)) {
            outputs.put(script.name(), JpegOptimizer.write(in, layout, encoder, PlannedEncoding.plan(encoder, script)));
        }
        assertThat(outputs).hasSize(5);
        return outputs;
    }

    /**
     * The coefficients of the blocks that hold picture samples. Those that only pad interleaved MCUs are never
     * drawn, and single-component scans (all progressive AC scans, T.81 A.2.2) do not code them, so they are zeroed.
     */
    private static short[][] decode(byte[] jpeg) {
        EntropyLayout layout = EntropyLayout.of(jpeg, JpegSegmentReader.read(jpeg), 1_000_000L);
        assertThat(layout.unsupported()).isNull();
        short[][] coefficients = CoefficientDecoder.decode(jpeg, layout);
        for (CodingFrame.Component c : layout.frame().components()) {
            short[] coef = coefficients[c.index()];
            for (int b = 0; b < coef.length / 64; b++) {
                if (b % c.paddedWide() >= c.blocksWide() || b / c.paddedWide() >= c.blocksHigh()) {
                    java.util.Arrays.fill(coef, b * 64, b * 64 + 64, (short) 0);
                }
            }
        }
        return coefficients;
    }

    /**
     * A 40x24 three-component 2x1 file of random coefficients (fixed seed), DC values within +-maxDc / 2 so that
     * their differences stay codable, written with standard-size (unoptimised: every symbol of the range) tables.
     */
    private static byte[] synthetic(int precision, int sof, int maxAc, int maxDc, int restartInterval) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(0xFF);
        header.write(0xD8);
        // DQT: one table of ones, 8- or 16-bit entries
        int entry = precision == 8 ? 1 : 2;
        segment(header, 0xDB, dqt(entry));
        byte[] frame = {(byte) precision, 0, 24, 0, 40, 3, 1, 0x21, 0, 2, 0x11, 0, 3, 0x11, 0};
        segment(header, sof, frame);
        segment(header, 0xDD, new byte[] {0, (byte) restartInterval});
        byte[] head = header.toByteArray();
        // The frame as the optimiser reads it, from the header and a stand-in empty scan.
        byte[] probe = withEmptyScan(head);
        CodingFrame codingFrame = EntropyLayout.of(probe, JpegSegmentReader.read(probe), 1_000_000L).frame();
        Random random = new Random(precision);
        short[][] coefficients = new short[3][];
        for (CodingFrame.Component c : codingFrame.components()) {
            short[] coef = new short[c.paddedWide() * c.paddedHigh() * 64];
            for (int b = 0; b < coef.length / 64; b++) {
                coef[b * 64] = (short) (random.nextInt(maxDc + 1) - maxDc / 2);
                for (int k = 1; k < 64; k++) {
                    int roll = random.nextInt(8);
                    coef[b * 64 + k] = (short) (roll == 0 ? maxAc : roll == 1 ? -maxAc
                            : roll < 5 ? random.nextInt(2 * maxAc + 1) - maxAc : 0);
                }
            }
            coefficients[c.index()] = coef;
        }
        ScanEncoder encoder = new ScanEncoder(codingFrame, coefficients, ScanEncoder.nonzeroMasks(coefficients),
                restartInterval);
        PlannedEncoding plan = PlannedEncoding.plan(encoder, ScanScript.sequential(codingFrame));
        EntropyWriter out = new EntropyWriter(4096);
        out.raw(head, 0, head.length);
        plan.writeScans(out, encoder, codingFrame);
        out.rawByte(0xFF);
        out.rawByte(0xD9);
        return out.toByteArray();
    }

    private static byte[] dqt(int entry) {
        byte[] payload = new byte[1 + 64 * entry];
        payload[0] = (byte) (entry == 1 ? 0x00 : 0x10);
        for (int i = 0; i < 64; i++) {
            payload[1 + i * entry + entry - 1] = 1;
        }
        return payload;
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write(payload.length + 2);
        out.writeBytes(payload);
    }

    private static byte[] withEmptyScan(byte[] head) {
        byte[] sos = {(byte) 0xFF, (byte) 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0, (byte) 0xFF, (byte) 0xD9};
        byte[] all = java.util.Arrays.copyOf(head, head.length + sos.length);
        System.arraycopy(sos, 0, all, head.length, sos.length);
        return all;
    }
}
