package org.imageguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathGlobTest {

    @ParameterizedTest(name = "[{index}] {0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /**/hotlink-ok/**   | /hotlink-ok/x.jpg       | true
            /**/hotlink-ok/**   | /a/b/hotlink-ok/c/d.jpg | true
            /**/hotlink-ok/**   | /xhotlink-ok/d.jpg      | false
            /images/**          | /images                 | true
            /images/**          | /images/a/b/c.png       | true
            /images/**          | /imagesx/a.png          | false
            /images/*.jpg       | /images/a.jpg           | true
            /images/*.jpg       | /images/a/b.jpg         | false
            /images/*.jpg       | /images/a.jpg.png       | false
            **/*.png            | /a/b/c.png              | true
            **/*.png            | /c.png                  | true
            /a/**.png           | /a/b/c.png              | true
            /exact/path.gif     | /exact/path.gif         | true
            /exact/path.gif     | /exact/path.gif/more    | false
            /a.b/(x)[y]+$       | /a.b/(x)[y]+$           | true
            /a.b/(x)[y]+$       | /aXb/(x)[y]+$           | false
            """)
    void globsMatchWholePaths(String glob, String path, boolean matches) {
        assertThat(PathGlob.compile(glob).matches(path)).isEqualTo(matches);
    }

    @Test
    void relativeGlobsAreRejected() {
        assertThatThrownBy(() -> PathGlob.compile("images/*.jpg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("images/*.jpg");
    }
}
