package org.imageguard.engine.xmp;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPUtils;
import org.imageguard.config.ExistingXmp;
import org.imageguard.config.ProtectionSettings;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.XmpPackets;

import java.util.function.Consumer;

/**
 * Composes the XMP an image leaves with: the image's own packet (when {@code existing-xmp: merge}), stripped as
 * {@code strip} says, with our DataMining statement and rights fields set on top, split into standard and Extended
 * XMP when the container's limit asks for it. Built once per protection settings; thread-safe.
 *
 * <pre>{@code
 * XmpComposer composer = new XmpComposer(policy.protection());          // at start-up
 * XmpPackets packets = composer.compose(oldPacket, null, 65502, report); // per image
 * }</pre>
 *
 * <p>An existing packet xmpcore cannot parse is dropped and reported, never a reason to fail the image: the point is
 * that the image leaves with our statement.
 */
public final class XmpComposer {

    private final ProtectionSettings settings;
    private final OurProperties ours;
    /** The packet of an image that brings no XMP of its own (or whose XMP is replaced): the common case. */
    private final byte[] oursOnly;

    public XmpComposer(ProtectionSettings settings) {
        this.settings = settings;
        this.ours = OurProperties.of(settings);
        this.oursOnly = XmpSerialization.standard(ours.newPacket());
    }

    /**
     * @param existing         the image's standard packet, or null
     * @param existingExtended the image's reassembled Extended XMP, or null
     * @param maxStandardBytes the container's limit for the standard packet
     * @return the standard packet, and the Extended XMP when the standard one had to shed properties to fit. Our
     *         statement is never shed: should it alone exceed the limit (absurdly long configured texts), the standard
     *         packet comes back larger than the limit and the format rewriter decides.
     */
    public XmpPackets compose(byte[] existing, byte[] existingExtended, int maxStandardBytes,
                              RewriteReport.Builder report) {
        ours.reportPhrases().forEach(report::added);
        Consumer<String> removed = report::removed;
        XMPMeta meta = null;
        if (existing != null && settings.existingXmp() == ExistingXmp.MERGE) {
            meta = parse(existing, "XMP packet unreadable, dropped", removed);
        } else if (existing != null) {
            removed.accept("XMP packet (replaced)");
        }
        if (meta == null && existingExtended != null) {
            removed.accept("Extended XMP (replaced)");
        }
        if (meta == null) {
            if (oursOnly.length <= maxStandardBytes) {
                return XmpPackets.standardOnly(oursOnly.clone());
            }
            return XmpSplitter.split(ours.newPacket(), ours, maxStandardBytes, report::added);
        }
        if (existingExtended != null) {
            mergeExtended(meta, existingExtended, removed);
        }
        XmpStripper.strip(meta, settings.strip(), removed);
        ours.applyTo(meta);
        return XmpSplitter.split(meta, ours, maxStandardBytes, report::added);
    }

    private static void mergeExtended(XMPMeta meta, byte[] extendedBytes, Consumer<String> removed) {
        XMPMeta extended = parse(extendedBytes, "Extended XMP unreadable, dropped", removed);
        if (extended == null) {
            return;
        }
        try {
            XMPUtils.appendProperties(extended, meta, true, true);
        } catch (XMPException e) {
            removed.accept("Extended XMP unmergeable, dropped");
        }
    }

    private static XMPMeta parse(byte[] packet, String failure, Consumer<String> removed) {
        if (XmpParsing.tooManyElements(packet)) {
            removed.accept(failure.replace("unreadable", "with over " + XmpParsing.MAX_ELEMENTS + " elements"));
            return null;
        }
        XMPMeta meta = XmpParsing.parse(packet);
        if (meta == null) {
            removed.accept(failure);
        }
        return meta;
    }

    /** The settings this composer was built from. */
    public ProtectionSettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "XmpComposer[" + settings.dataMining().code() + ", existing-xmp " + settings.existingXmp()
                + ", strip " + settings.strip() + ", writes " + ours.reportPhrases() + ']';
    }
}
