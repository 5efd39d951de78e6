package org.imageguard.filter;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration whose cache and in-flight budget cannot fit the heap stops the application from starting. */
class ImageGuardFilterMemoryTest {

    @Test
    void aCacheAsLargeAsTheHeapIsRefusedAtInitInOneLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("imageguard.yaml");
        Files.writeString(file, "cache: { max-size: " + Runtime.getRuntime().maxMemory() + " }\n");
        FilterConfig config = new FilterConfig() {
            @Override
            public String getFilterName() {
                return "imageguard";
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String name) {
                return "config".equals(name) ? file.toString() : null;
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(java.util.List.of("config"));
            }
        };
        assertThatThrownBy(() -> new ImageGuardFilter().init(config)).isInstanceOf(ServletException.class)
                .hasMessageStartingWith(file + ": memory: cache.max-size (").hasMessageNotContaining("\n");
    }
}
