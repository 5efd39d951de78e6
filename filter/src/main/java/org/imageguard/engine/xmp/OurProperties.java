package org.imageguard.engine.xmp;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.XMPUtils;
import com.adobe.internal.xmp.options.PropertyOptions;
import org.imageguard.config.ProtectionSettings;
import org.imageguard.config.Rights;

import java.util.ArrayList;
import java.util.List;

/**
 * The properties ImageGuard writes (the PLUS DataMining statement and the IPTC rights fields), built once per
 * protection settings as a template packet that each image's XMP receives a copy of. Only non-empty fields are
 * written. Values go in as plain strings: xmpcore escapes them when serializing, so configuration cannot inject
 * markup.
 *
 * <pre>{@code
 * OurProperties ours = OurProperties.of(settings);
 * ours.applyTo(meta);      // ours win over the image's values of the same properties
 * }</pre>
 */
final class OurProperties {

    private static final String LANG = XMPConst.X_DEFAULT;

    private final XMPMeta template;
    private final List<XmpProperty> properties;
    private final List<XmpProperty> essential;
    private final List<String> reportPhrases;

    private OurProperties(XMPMeta template, List<XmpProperty> essential, List<String> reportPhrases) {
        this.template = template;
        this.properties = List.copyOf(XmpProperty.topLevel(template));
        this.essential = List.copyOf(essential);
        this.reportPhrases = List.copyOf(reportPhrases);
    }

    static OurProperties of(ProtectionSettings settings) {
        XmpNamespaces.register();
        try {
            return new Builder(settings).build();
        } catch (XMPException e) {
            throw new IllegalStateException("xmpcore refused a property we build: " + e.getMessage(), e);
        }
    }

    /** The properties we set, for the splitter (they stay in the standard packet) and for {@code strip: all}. */
    List<XmpProperty> properties() {
        return properties;
    }

    /** The statement itself: what stays in the standard packet whatever the size ({@code DataMining} and friends). */
    List<XmpProperty> essential() {
        return essential;
    }

    /** One "XMP ..." phrase per property we add, for the rewrite report. */
    List<String> reportPhrases() {
        return reportPhrases;
    }

    /** Sets our properties on {@code meta}, replacing whatever values of the same properties it had. */
    void applyTo(XMPMeta meta) {
        for (XmpProperty property : properties) {
            meta.deleteProperty(property.namespace(), property.path());
            copy(template, meta, property);
        }
    }

    /** A fresh packet holding only our properties. */
    XMPMeta newPacket() {
        return (XMPMeta) template.clone();
    }

    /** Copies one top-level property (with its items, fields and qualifiers) from one packet to another. */
    static void copy(XMPMeta from, XMPMeta to, XmpProperty property) {
        try {
            XMPUtils.duplicateSubtree(from, to, property.namespace(), property.path(), property.namespace(),
                    property.path(), null);
        } catch (XMPException e) {
            throw new IllegalStateException("xmpcore could not copy " + property.path(), e);
        }
    }

    private static final class Builder {
        private final ProtectionSettings settings;
        private final XMPMeta meta = XMPMetaFactory.create();
        private final List<XmpProperty> essential = new ArrayList<>();
        private final List<String> phrases = new ArrayList<>();

        Builder(ProtectionSettings settings) {
            this.settings = settings;
        }

        OurProperties build() throws XMPException {
            Rights rights = settings.rights();
            // Element text, not rdf:resource: PLUS stores the vocabulary URI as the literal value (as exiftool does).
            meta.setProperty(XmpNamespaces.PLUS, "DataMining", settings.dataMining().uri());
            note(XmpNamespaces.PLUS, "plus:DataMining", "XMP plus:DataMining " + settings.dataMining().code(), true);
            if (!settings.otherConstraints().isEmpty()) {
                meta.setLocalizedText(XmpNamespaces.PLUS, "OtherConstraints", "", LANG, settings.otherConstraints());
                note(XmpNamespaces.PLUS, "plus:OtherConstraints", "XMP plus:OtherConstraints", true);
            }
            if (settings.dataMining().prohibits() || !rights.copyright().isEmpty()) {
                meta.setProperty(XmpNamespaces.XMP_RIGHTS, "Marked", "True");
                note(XmpNamespaces.XMP_RIGHTS, "xmpRights:Marked", "XMP xmpRights:Marked", true);
            }
            if (!rights.copyright().isEmpty()) {
                meta.setLocalizedText(XmpNamespaces.DC, "rights", "", LANG, rights.copyright());
                note(XmpNamespaces.DC, "dc:rights", "XMP dc:rights", true);
            }
            if (!rights.creator().isEmpty()) {
                meta.appendArrayItem(XmpNamespaces.DC, "creator",
                        new PropertyOptions().setArray(true).setArrayOrdered(true), rights.creator(), null);
                note(XmpNamespaces.DC, "dc:creator", "XMP dc:creator", false);
            }
            if (!rights.credit().isEmpty()) {
                meta.setProperty(XmpNamespaces.PHOTOSHOP, "Credit", rights.credit());
                note(XmpNamespaces.PHOTOSHOP, "photoshop:Credit", "XMP photoshop:Credit", false);
            }
            if (!rights.webStatement().isEmpty()) {
                meta.setProperty(XmpNamespaces.XMP_RIGHTS, "WebStatement", rights.webStatement());
                note(XmpNamespaces.XMP_RIGHTS, "xmpRights:WebStatement", "XMP xmpRights:WebStatement", true);
            }
            if (!rights.usageTerms().isEmpty()) {
                meta.setLocalizedText(XmpNamespaces.XMP_RIGHTS, "UsageTerms", "", LANG, rights.usageTerms());
                note(XmpNamespaces.XMP_RIGHTS, "xmpRights:UsageTerms", "XMP xmpRights:UsageTerms", true);
            }
            if (!rights.licensorName().isEmpty() || !rights.licensorUrl().isEmpty()) {
                addLicensor(rights);
                note(XmpNamespaces.PLUS, "plus:Licensor", "XMP plus:Licensor", false);
            }
            return new OurProperties(meta, essential, phrases);
        }

        private void addLicensor(Rights rights) throws XMPException {
            meta.appendArrayItem(XmpNamespaces.PLUS, "Licensor",
                    new PropertyOptions().setArray(true).setArrayOrdered(true), null,
                    new PropertyOptions().setStruct(true));
            String item = "Licensor[1]";
            if (!rights.licensorName().isEmpty()) {
                meta.setStructField(XmpNamespaces.PLUS, item, XmpNamespaces.PLUS, "LicensorName",
                        rights.licensorName());
            }
            if (!rights.licensorUrl().isEmpty()) {
                meta.setStructField(XmpNamespaces.PLUS, item, XmpNamespaces.PLUS, "LicensorURL",
                        rights.licensorUrl());
            }
        }

        private void note(String namespace, String path, String phrase, boolean isEssential) {
            if (isEssential) {
                essential.add(new XmpProperty(namespace, path));
            }
            phrases.add(phrase);
        }
    }
}
