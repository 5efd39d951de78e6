package org.imageguard.config;

import java.util.Objects;

/**
 * The owner's rights fields, each written to XMP when not empty (IPTC Photo Metadata and PLUS properties):
 * {@code dc:rights}, {@code dc:creator}, {@code photoshop:Credit}, {@code xmpRights:WebStatement},
 * {@code xmpRights:UsageTerms} and the first {@code plus:Licensor}.
 */
public record Rights(String copyright, String creator, String credit, String webStatement, String usageTerms,
                     String licensorName, String licensorUrl) {

    public static final Rights NONE = new Rights("", "", "", "", "", "", "");

    public Rights {
        Objects.requireNonNull(copyright, "copyright");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(credit, "credit");
        Objects.requireNonNull(webStatement, "webStatement");
        Objects.requireNonNull(usageTerms, "usageTerms");
        Objects.requireNonNull(licensorName, "licensorName");
        Objects.requireNonNull(licensorUrl, "licensorUrl");
    }

    /** True when no field is set: the packet then carries only the DataMining statement. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
