package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangesTest {

    @ParameterizedTest(name = "{0} of 100 → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            bytes=0-9           | Partial[first=0, last=9]
            bytes=10-           | Partial[first=10, last=99]
            bytes=-10           | Partial[first=90, last=99]
            bytes=-1000         | Partial[first=0, last=99]
            bytes=90-1000       | Partial[first=90, last=99]
            bytes=99-99         | Partial[first=99, last=99]
            BYTES = 5 - 6       | Partial[first=5, last=6]
            bytes=100-          | Unsatisfiable[]
            bytes=100-200       | Unsatisfiable[]
            bytes=-0            | Unsatisfiable[]
            bytes=99999999999999999999999- | Unsatisfiable[]
            bytes=0-1,5-6       | Whole[]
            bytes=9-3           | Whole[]
            bytes=a-b           | Whole[]
            bytes=-             | Whole[]
            bytes=5             | Whole[]
            items=0-1           | Whole[]
            ''                  | Whole[]
            """)
    void parsesOneRangeAgainstTheTotal(String header, String expected) {
        assertThat(ByteRanges.parse(header, 100)).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource({"bytes=0-0", "bytes=-5", "bytes=0-"})
    void nothingIsSatisfiableInAnEmptyBody(String header) {
        assertThat(ByteRanges.parse(header, 0)).isInstanceOf(ByteRanges.Unsatisfiable.class);
    }
}
