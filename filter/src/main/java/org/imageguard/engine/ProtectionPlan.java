package org.imageguard.engine;

import org.imageguard.config.ProtectionSettings;
import org.imageguard.config.StripMode;
import org.imageguard.engine.exif.ExifCleaner;
import org.imageguard.engine.iptc.PhotoshopIrbCleaner;
import org.imageguard.engine.xmp.XmpComposer;

/**
 * The {@link MetadataPlan} of ImageGuard's protection settings, for one image: XMP from the {@link XmpComposer},
 * EXIF from the {@link ExifCleaner}, Photoshop/IPTC from the {@link PhotoshopIrbCleaner}, each recording what it
 * added and removed in the image's report. Cheap to create: the composer carries the precomputed part.
 *
 * <pre>{@code
 * RewriteReport.Builder report = new RewriteReport.Builder();
 * byte[] out = rewriter.rewrite(in, new ProtectionPlan(composer, report), report);
 * }</pre>
 */
public final class ProtectionPlan implements MetadataPlan {

    private final XmpComposer composer;
    private final StripMode strip;
    private final RewriteReport.Builder report;

    public ProtectionPlan(XmpComposer composer, RewriteReport.Builder report) {
        this.composer = composer;
        this.strip = composer.settings().strip();
        this.report = report;
    }

    /** Builds the composer on the spot; prefer sharing one composer across images (the engine caches them). */
    public ProtectionPlan(ProtectionSettings settings, RewriteReport.Builder report) {
        this(new XmpComposer(settings), report);
    }

    @Override
    public StripMode strip() {
        return strip;
    }

    @Override
    public XmpPackets xmp(byte[] existing, byte[] existingExtended, int maxStandardBytes) {
        return composer.compose(existing, existingExtended, maxStandardBytes, report);
    }

    @Override
    public byte[] cleanExif(byte[] tiff) {
        return ExifCleaner.forMode(strip).clean(tiff, report::removed);
    }

    @Override
    public byte[] cleanPhotoshopIrb(byte[] app13Payload) {
        return PhotoshopIrbCleaner.clean(app13Payload, strip, report::removed);
    }
}
