package org.imageguard.engine.jpeg;

/**
 * Visits the blocks of one scan in coding order (T.81 A.2): MCU by MCU for an interleaved scan, the padding blocks
 * of each MCU included; block by block over the component's own blocks for a single-component scan. Every
 * {@code restartInterval} MCUs it calls {@link #restart} with the marker number 0..7.
 */
abstract class ScanWalker {

    /** One block: its position in the scan header's component list and its first coefficient's index. */
    abstract void block(int scanIndex, int offset);

    /** Between two restart intervals. */
    abstract void restart(int marker);

    final void walk(CodingFrame frame, ScanHeader scan, int restartInterval) {
        int untilRestart = restartInterval;
        int marker = 0;
        int across = scan.interleaved() ? frame.mcusAcross() : frame.components().get(scan.components()[0])
                .blocksWide();
        int down = scan.interleaved() ? frame.mcusDown() : frame.components().get(scan.components()[0])
                .blocksHigh();
        for (int my = 0; my < down; my++) {
            for (int mx = 0; mx < across; mx++) {
                if (restartInterval > 0) {
                    if (untilRestart == 0) {
                        restart(marker);
                        marker = (marker + 1) & 7;
                        untilRestart = restartInterval;
                    }
                    untilRestart--;
                }
                if (scan.interleaved()) {
                    mcu(frame, scan, my, mx);
                } else {
                    block(0, (my * frame.components().get(scan.components()[0]).paddedWide() + mx) * 64);
                }
            }
        }
    }

    private void mcu(CodingFrame frame, ScanHeader scan, int my, int mx) {
        for (int i = 0; i < scan.components().length; i++) {
            CodingFrame.Component c = frame.components().get(scan.components()[i]);
            for (int by = 0; by < c.v(); by++) {
                int row = (my * c.v() + by) * c.paddedWide() + mx * c.h();
                for (int bx = 0; bx < c.h(); bx++) {
                    block(i, (row + bx) * 64);
                }
            }
        }
    }
}
