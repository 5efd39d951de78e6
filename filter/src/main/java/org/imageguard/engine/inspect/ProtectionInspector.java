package org.imageguard.engine.inspect;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.properties.XMPProperty;
import org.imageguard.config.DataMining;
import org.imageguard.engine.ImageMetadata;
import org.imageguard.engine.exif.ExifFindings;
import org.imageguard.engine.xmp.XmpNamespaces;
import org.imageguard.engine.xmp.XmpParsing;
import org.imageguard.engine.xmp.XmpPrivacy;
import org.imageguard.engine.xmp.XmpProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Interprets an image's raw metadata records ({@link ImageMetadata}, from a format reader) into a
 * {@link ProtectionReport}: reads XMP with xmpcore and EXIF with Commons Imaging — independent of our writers, so an
 * audit of our own output means something. Stateless and thread-safe.
 *
 * <pre>{@code
 * ProtectionReport report = new ProtectionInspector().inspect(engine.read(bytes));
 * report.dataMining();       // "DMI-PROHIBITED"
 * report.privacyFindings();  // ["EXIF GPS", "XMP location"]
 * }</pre>
 */
public final class ProtectionInspector {

    private static final String X_DEFAULT = "x-default";

    public ProtectionReport inspect(ImageMetadata metadata) {
        Map<String, String> rights = new LinkedHashMap<>();
        Set<String> findings = new LinkedHashSet<>();
        String dataMining = null;
        if (metadata.xmp() != null) {
            XMPMeta xmp = XmpParsing.parse(metadata.xmp());
            if (xmp == null) {
                findings.add("XMP unreadable");
            } else {
                dataMining = dataMining(xmp);
                rights.putAll(xmpRights(xmp));
                findings.addAll(xmpPrivacy(xmp));
            }
        }
        if (metadata.exif() != null) {
            ExifFindings exif = ExifFindings.of(metadata.exif());
            findings.addAll(exif.privacy());
            rights.putAll(exif.rights());
        }
        findings.addAll(otherRecords(metadata.others()));
        return new ProtectionReport(metadata.format(), metadata.width(), metadata.height(), metadata.frames(),
                dataMining, rights, new ArrayList<>(findings));
    }

    /** Element text and {@code rdf:resource} both arrive as the property's value; a bare code is accepted too. */
    private static String dataMining(XMPMeta xmp) {
        String value = value(xmp, XmpNamespaces.PLUS, "DataMining");
        if (value == null || value.isBlank()) {
            return null;
        }
        return DataMining.fromCode(value).map(DataMining::code).orElse(value.trim());
    }

    private static Map<String, String> xmpRights(XMPMeta xmp) {
        Map<String, String> rights = new LinkedHashMap<>();
        putIfPresent(rights, "dc:rights", localized(xmp, XmpNamespaces.DC, "rights"));
        putIfPresent(rights, "dc:creator", items(xmp, XmpNamespaces.DC, "creator"));
        putIfPresent(rights, "photoshop:Credit", value(xmp, XmpNamespaces.PHOTOSHOP, "Credit"));
        putIfPresent(rights, "xmpRights:Marked", value(xmp, XmpNamespaces.XMP_RIGHTS, "Marked"));
        putIfPresent(rights, "xmpRights:WebStatement", value(xmp, XmpNamespaces.XMP_RIGHTS, "WebStatement"));
        putIfPresent(rights, "xmpRights:UsageTerms", localized(xmp, XmpNamespaces.XMP_RIGHTS, "UsageTerms"));
        putIfPresent(rights, "plus:OtherConstraints", localized(xmp, XmpNamespaces.PLUS, "OtherConstraints"));
        putIfPresent(rights, "plus:LicensorName", field(xmp, "Licensor[1]", "LicensorName"));
        putIfPresent(rights, "plus:LicensorURL", field(xmp, "Licensor[1]", "LicensorURL"));
        return rights;
    }

    private static List<String> xmpPrivacy(XMPMeta xmp) {
        List<String> findings = new ArrayList<>();
        for (XmpProperty property : XmpProperty.topLevel(xmp)) {
            String category = XmpPrivacy.category(property);
            if (category != null && !findings.contains(category)) {
                findings.add(category);
            }
        }
        return findings;
    }

    /** Records the reader only names: comments and IPTC blocks are worth a look; ICC profiles and the like are not. */
    private static List<String> otherRecords(List<String> others) {
        List<String> findings = new ArrayList<>();
        for (String record : others) {
            String lower = record.toLowerCase(Locale.ROOT);
            if (lower.contains("iptc")) {
                findings.add("IPTC metadata (" + record + ")");
            } else if (lower.contains("comment") || lower.startsWith("text") || lower.startsWith("ztxt")
                    || lower.startsWith("itxt")) {
                findings.add("Text metadata (" + record + ")");
            } else if (lower.contains("thumbnail")) {
                findings.add(record);
            }
        }
        return findings;
    }

    private static String value(XMPMeta xmp, String namespace, String path) {
        try {
            XMPProperty property = xmp.getProperty(namespace, path);
            return property == null || property.getOptions().isCompositeProperty() ? null : property.getValue();
        } catch (XMPException e) {
            return null;
        }
    }

    private static String localized(XMPMeta xmp, String namespace, String name) {
        try {
            XMPProperty property = xmp.getLocalizedText(namespace, name, "", X_DEFAULT);
            return property == null ? value(xmp, namespace, name) : property.getValue();
        } catch (XMPException e) {
            return value(xmp, namespace, name);
        }
    }

    private static String items(XMPMeta xmp, String namespace, String name) {
        try {
            int count = xmp.countArrayItems(namespace, name);
            if (count <= 0) {
                return value(xmp, namespace, name);
            }
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                values.add(xmp.getArrayItem(namespace, name, i).getValue());
            }
            return String.join("; ", values);
        } catch (XMPException e) {
            return null;
        }
    }

    private static String field(XMPMeta xmp, String structPath, String fieldName) {
        try {
            XMPProperty property = xmp.getStructField(XmpNamespaces.PLUS, structPath, XmpNamespaces.PLUS, fieldName);
            return property == null ? null : property.getValue();
        } catch (XMPException e) {
            return null;
        }
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
