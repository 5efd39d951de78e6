package org.imageguard.config;

import java.util.Objects;

/**
 * What every image carries and loses: the DataMining statement, the rights fields, how the image's own XMP is
 * treated, what is stripped, and the HTTP signals.
 */
public record ProtectionSettings(DataMining dataMining, String otherConstraints, Rights rights,
                                 ExistingXmp existingXmp, StripMode strip, HeaderSettings headers) {

    public static final ProtectionSettings DEFAULTS = new ProtectionSettings(
            DataMining.DMI_PROHIBITED, "", Rights.NONE, ExistingXmp.MERGE, StripMode.PRIVACY, HeaderSettings.DEFAULTS);

    public ProtectionSettings {
        Objects.requireNonNull(dataMining, "dataMining");
        Objects.requireNonNull(otherConstraints, "otherConstraints");
        Objects.requireNonNull(rights, "rights");
        Objects.requireNonNull(existingXmp, "existingXmp");
        Objects.requireNonNull(strip, "strip");
        Objects.requireNonNull(headers, "headers");
        if (dataMining == DataMining.DMI_PROHIBITED_SEECONSTRAINT && otherConstraints.isBlank()) {
            throw new IllegalArgumentException(
                    "data-mining DMI-PROHIBITED-SEECONSTRAINT needs other-constraints to say what the constraint is");
        }
    }
}
