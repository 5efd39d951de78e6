package org.imageguard.http;

import java.util.Objects;

/** One response header line. Names keep the case they are sent in. */
public record Header(String name, String value) {

    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
