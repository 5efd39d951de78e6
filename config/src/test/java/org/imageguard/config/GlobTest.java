package org.imageguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "/thumbs/**, /thumbs/a.jpg, true",
        "/thumbs/**, /thumbs/x/y/z.jpg, true",
        "/thumbs/**, /thumbs, true",
        "/thumbs/**, /thumbsup/a.jpg, false",
        "/thumbs/**, /img/thumbs/a.jpg, false",
        "/**/hotlink-ok/**, /hotlink-ok/a.png, true",
        "/**/hotlink-ok/**, /blog/2024/hotlink-ok/b.png, true",
        "/**/hotlink-ok/**, /blog/not-hotlink-ok/b.png, false",
        "/*.jpg, /a.jpg, true",
        "/*.jpg, /dir/a.jpg, false",
        "/img/?.png, /img/a.png, true",
        "/img/?.png, /img/ab.png, false",
        "/img/?.png, /img//.png, false",
        "/**, /anything/at/all, true",
        "/a+b/(c)/*.jpg, /a+b/(c)/x.jpg, true",
        "/a+b/(c)/*.jpg, /aab/c/x.jpg, false",
        "/clients/**/*.jpg, /clients/x.jpg, true",
        "/clients/**/*.jpg, /clients/a/b/x.jpg, true",
        "/clients/**/*.jpg, /clients/a/b/x.png, false",
        "/**/**/**/x, /x, true",
        "/**/**/**/x, /a/b/c/x, true",
        "/**/**/**/x, /a/b/c/y, false",
        "/images/*.jpg, /images/a.jpg.png, false",
        "/a/**.png, /a/b/c.png, true",
        "/exact/path.gif, /exact/path.gif, true",
        "/exact/path.gif, /exact/path.gif/more, false",
        "/a.b/(x)[y]+$, /a.b/(x)[y]+$, true",
        "/a.b/(x)[y]+$, /aXb/(x)[y]+$, false",
    })
    void matches(String glob, String path, boolean expected) {
        assertThat(Glob.compile(glob).matches(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"thumbs/**", "''", "*.jpg", "**/*.png"})
    void globMustStartWithASlash(String glob) {
        assertThatThrownBy(() -> Glob.compile(glob)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a path glob starting with '/', found '" + glob + "'");
    }
}
