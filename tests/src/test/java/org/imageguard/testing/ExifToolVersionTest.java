package org.imageguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExifToolVersionTest {

    @Test
    void versionsCompareNumericallyPartByPart() {
        assertThat(ExifTool.atLeast("13.59", ExifTool.DATA_MINING_SINCE)).isTrue();
        assertThat(ExifTool.atLeast("12.66", ExifTool.DATA_MINING_SINCE)).isTrue();
        assertThat(ExifTool.atLeast("12.100", ExifTool.DATA_MINING_SINCE)).isTrue();
        assertThat(ExifTool.atLeast("12.57", ExifTool.DATA_MINING_SINCE)).isFalse();
        assertThat(ExifTool.atLeast("9.99", ExifTool.DATA_MINING_SINCE)).isFalse();
    }
}
