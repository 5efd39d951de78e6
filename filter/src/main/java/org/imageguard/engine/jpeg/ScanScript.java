package org.imageguard.engine.jpeg;

import java.util.ArrayList;
import java.util.List;

/**
 * The scans an optimised file is written with: the sequential layout (one interleaved scan) or a progressive
 * script. {@link #standard} is the script jpegtran {@code -progressive} uses (libjpeg's simple progression):
 * DC first with successive approximation, the luma band split at coefficient 5, chroma before the rest of luma, then
 * the refinement passes. The others are alternatives tried at {@code max} effort.
 *
 * @param name        a short phrase for the result note
 * @param progressive whether the scans are progressive (SOF2) or sequential
 */
record ScanScript(String name, boolean progressive, List<ScanHeader> scans) {

    /** One sequential scan of all components, or one per component when an MCU would exceed 10 blocks. */
    static ScanScript sequential(CodingFrame frame) {
        List<ScanHeader> scans = new ArrayList<>();
        if (blocksPerMcu(frame) <= 10) {
            scans.add(scan(frame, all(frame), 0, 63, 0, 0));
        } else {
            for (int c = 0; c < frame.components().size(); c++) {
                scans.add(scan(frame, new int[] {c}, 0, 63, 0, 0));
            }
        }
        return new ScanScript("baseline", false, scans);
    }

    /** jpegtran's default progression. */
    static ScanScript standard(CodingFrame frame) {
        List<ScanHeader> s = new ArrayList<>();
        int n = frame.components().size();
        if (n == 3) {
            dc(frame, s, 0, 1);
            s.add(scan(frame, new int[] {0}, 1, 5, 0, 2));
            s.add(scan(frame, new int[] {2}, 1, 63, 0, 1));
            s.add(scan(frame, new int[] {1}, 1, 63, 0, 1));
            s.add(scan(frame, new int[] {0}, 6, 63, 0, 2));
            s.add(scan(frame, new int[] {0}, 1, 63, 2, 1));
            dc(frame, s, 1, 0);
            s.add(scan(frame, new int[] {2}, 1, 63, 1, 0));
            s.add(scan(frame, new int[] {1}, 1, 63, 1, 0));
            s.add(scan(frame, new int[] {0}, 1, 63, 1, 0));
        } else {
            dc(frame, s, 0, 1);
            band(frame, s, 1, 5, 0, 2);
            band(frame, s, 6, 63, 0, 2);
            band(frame, s, 1, 63, 2, 1);
            dc(frame, s, 1, 0);
            band(frame, s, 1, 63, 1, 0);
        }
        return new ScanScript("progressive", true, s);
    }

    /** Progressive without successive approximation: each coefficient is sent once. */
    static ScanScript spectralOnly(CodingFrame frame) {
        return wholeDcThen(frame, "progressive without successive approximation", new int[][] {{1, 5, 0, 0},
            {6, 63, 0, 0}});
    }

    /** The standard script with one DC scan per component. */
    static ScanScript separateDc(CodingFrame frame) {
        List<ScanHeader> s = new ArrayList<>();
        for (ScanHeader h : standard(frame).scans()) {
            if (h.ss() == 0 && h.interleaved()) {
                for (int c : h.components()) {
                    s.add(scan(frame, new int[] {c}, 0, 0, h.ah(), h.al()));
                }
            } else {
                s.add(h);
            }
        }
        return new ScanScript("progressive, separate DC scans", true, s);
    }

    /** Successive approximation of the AC bands only, by one bit, with the DC sent whole. */
    static ScanScript shallowApproximation(CodingFrame frame) {
        return wholeDcThen(frame, "progressive, one refinement pass", new int[][] {{1, 63, 0, 1}, {1, 63, 1, 0}});
    }

    /** The DC in one pass, then each band ({Ss, Se, Ah, Al}) for every component in turn. */
    private static ScanScript wholeDcThen(CodingFrame frame, String name, int[][] bands) {
        List<ScanHeader> s = new ArrayList<>();
        dc(frame, s, 0, 0);
        for (int[] b : bands) {
            band(frame, s, b[0], b[1], b[2], b[3]);
        }
        return new ScanScript(name, true, s);
    }

    private static void dc(CodingFrame frame, List<ScanHeader> s, int ah, int al) {
        if (blocksPerMcu(frame) <= 10) {
            s.add(scan(frame, all(frame), 0, 0, ah, al));
        } else {
            for (int c = 0; c < frame.components().size(); c++) {
                s.add(scan(frame, new int[] {c}, 0, 0, ah, al));
            }
        }
    }

    private static void band(CodingFrame frame, List<ScanHeader> s, int ss, int se, int ah, int al) {
        for (int c = 0; c < frame.components().size(); c++) {
            s.add(scan(frame, new int[] {c}, ss, se, ah, al));
        }
    }

    private static int[] all(CodingFrame frame) {
        int[] all = new int[frame.components().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    private static int blocksPerMcu(CodingFrame frame) {
        int sum = 0;
        for (CodingFrame.Component c : frame.components()) {
            sum += c.blocksPerMcu();
        }
        return frame.components().size() == 1 ? 1 : sum;
    }

    /** Luma (the first component) codes with table slot 0, the others share slot 1, as libjpeg assigns them. */
    private static ScanHeader scan(CodingFrame frame, int[] components, int ss, int se, int ah, int al) {
        int[] slots = new int[components.length];
        for (int i = 0; i < components.length; i++) {
            slots[i] = components[i] == 0 ? 0 : 1;
        }
        return new ScanHeader(components, slots, slots.clone(), ss, se, ah, al);
    }
}
