package org.imageguard.engine.pixels;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

import org.imageguard.config.WatermarkPosition;
import org.imageguard.config.WatermarkSettings;

/**
 * Draws the configured text on an image: white letters with a dark outline, so it reads on light and dark areas
 * alike, at the configured opacity, its height a fixed share of the image's shorter side. A corner or the centre gets
 * one copy inside a margin; {@code tiled} repeats it on diagonal rows over the whole image, which cropping cannot
 * remove. The font is the logical {@code SansSerif}, which every JDK maps to an installed font (DejaVu Sans on a
 * headless Debian with fonts-dejavu-core).
 *
 * <pre>{@code
 * Watermarker.draw(image, policy.watermark()); // in place
 * }</pre>
 */
final class Watermarker {

    /** Letter height as a share of the shorter side: readable on a phone, not covering the picture. */
    private static final double TEXT_SHARE = 0.045;
    private static final double MARGIN_SHARE = 0.02;
    private static final int MIN_FONT_PIXELS = 10;

    private Watermarker() {
    }

    /** Draws in place. */
    static void draw(BufferedImage image, WatermarkSettings settings) {
        int shorter = Math.min(image.getWidth(), image.getHeight());
        float size = (float) Math.max(MIN_FONT_PIXELS, shorter * TEXT_SHARE);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) settings.opacity()));
            Font font = new Font(Font.SANS_SERIF, Font.BOLD, 1).deriveFont(size);
            TextLayout layout = new TextLayout(settings.text(), font, g.getFontRenderContext());
            Shape text = layout.getOutline(null);
            Rectangle2D bounds = text.getBounds2D();
            BasicStroke outline = new BasicStroke(Math.max(1f, size / 12f), BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND);
            Letters letters = Letters.of(text, outline);
            if (settings.position() == WatermarkPosition.TILED) {
                drawTiled(g, letters, bounds, image.getWidth(), image.getHeight());
            } else {
                int margin = (int) Math.ceil(shorter * MARGIN_SHARE + outline.getLineWidth());
                double x = switch (settings.position()) {
                    case TOP_LEFT, BOTTOM_LEFT -> margin - bounds.getX();
                    case CENTER -> (image.getWidth() - bounds.getWidth()) / 2 - bounds.getX();
                    default -> image.getWidth() - margin - bounds.getWidth() - bounds.getX();
                };
                double y = switch (settings.position()) {
                    case TOP_LEFT, TOP_RIGHT -> margin - bounds.getY();
                    case CENTER -> (image.getHeight() - bounds.getHeight()) / 2 - bounds.getY();
                    default -> image.getHeight() - margin - bounds.getHeight() - bounds.getY();
                };
                letters.stamp(g, AffineTransform.getTranslateInstance(x, y));
            }
        } finally {
            g.dispose();
        }
    }

    /** Rows at 30° upwards, each shifted by half a copy so the copies form a brick pattern. */
    private static void drawTiled(Graphics2D g, Letters letters, Rectangle2D bounds, int width, int height) {
        double stepX = bounds.getWidth() * 1.6 + bounds.getHeight();
        double stepY = bounds.getHeight() * 4;
        double diagonal = Math.hypot(width, height);
        AffineTransform rotate = AffineTransform.getRotateInstance(-Math.PI / 6, width / 2.0, height / 2.0);
        int row = 0;
        for (double y = height / 2.0 - diagonal / 2; y < height / 2.0 + diagonal / 2 + stepY; y += stepY, row++) {
            double offset = (row % 2) * stepX / 2;
            for (double x = width / 2.0 - diagonal / 2 - stepX + offset; x < width / 2.0 + diagonal / 2; x += stepX) {
                AffineTransform at = new AffineTransform(rotate);
                at.translate(x - bounds.getX(), y - bounds.getY());
                letters.stamp(g, at);
            }
        }
    }

    /**
     * The letters' fill and the ring of outline around them, as separate areas so the opacity is not applied twice
     * where they would overlap. Built once, then only moved for each copy.
     */
    private record Letters(Area fill, Area ring) {

        static Letters of(Shape text, BasicStroke outline) {
            Area fill = new Area(text);
            Area ring = new Area(outline.createStrokedShape(text));
            ring.subtract(fill);
            return new Letters(fill, ring);
        }

        void stamp(Graphics2D g, AffineTransform at) {
            g.setColor(Color.BLACK);
            g.fill(ring.createTransformedArea(at));
            g.setColor(Color.WHITE);
            g.fill(fill.createTransformedArea(at));
        }
    }
}
