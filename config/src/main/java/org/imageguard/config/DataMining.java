package org.imageguard.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The PLUS "Data Mining" vocabulary (IPTC Photo Metadata 2023.1). Only the current codes: the obsolete draft codes
 * are never written, so they are not representable.
 *
 * <pre>{@code
 * DataMining code = DataMining.fromCode("DMI-PROHIBITED").orElseThrow();
 * code.uri(); // http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED
 * }</pre>
 */
public enum DataMining {
    DMI_UNSPECIFIED,
    DMI_ALLOWED,
    DMI_PROHIBITED_AIMLTRAINING,
    DMI_PROHIBITED_GENAIMLTRAINING,
    DMI_PROHIBITED_EXCEPTSEARCHENGINEINDEXING,
    DMI_PROHIBITED,
    DMI_PROHIBITED_SEECONSTRAINT,
    DMI_PROHIBITED_SEEEMBEDDEDRIGHTSEXPR,
    DMI_PROHIBITED_SEELINKEDRIGHTSEXPR;

    public static final String VOCABULARY = "http://ns.useplus.org/ldf/vocab/";

    /** The code as written in XMP and configuration, e.g. {@code DMI-PROHIBITED}. */
    public String code() {
        return name().replace('_', '-');
    }

    /** The full URI stored as the value of {@code plus:DataMining}. */
    public String uri() {
        return VOCABULARY + code();
    }

    /** Whether the code forbids AI training in any form (the HTTP signals are sent for these). */
    public boolean prohibits() {
        return this != DMI_UNSPECIFIED && this != DMI_ALLOWED;
    }

    /**
     * Reads a code as written in configuration or in an image: a bare code or a full URI (matched on its last path
     * segment), case-insensitively.
     */
    public static Optional<DataMining> fromCode(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String code = value.trim();
        int slash = code.lastIndexOf('/');
        if (slash >= 0) {
            code = code.substring(slash + 1);
        }
        String constant = code.toUpperCase(Locale.ROOT).replace('-', '_');
        for (DataMining candidate : values()) {
            if (candidate.name().equals(constant)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return code();
    }
}
