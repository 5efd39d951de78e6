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
 * <p>A logo ({@code watermark.logo}) is drawn at the same opacity, its width a fixed share of the image's width (its
 * height a share of the height at most), never enlarged past its own size: in a corner or the centre it is stacked
 * with the text (above it at the bottom and in the centre, below it at the top); {@code tiled} repeats it in the
 * same brick pattern, upright, between the rows of text.
 *
 * <pre>{@code
 * Watermarker.draw(image, policy.watermark(), logoOrNull); // in place
 * }</pre>
 */
final class Watermarker {

    /** Letter height as a share of the shorter side: readable on a phone, not covering the picture. */
    private static final double TEXT_SHARE = 0.045;
    private static final double MARGIN_SHARE = 0.02;
    private static final int MIN_FONT_PIXELS = 10;
    private static final double LOGO_WIDTH_SHARE = 0.2;
    private static final double LOGO_HEIGHT_SHARE = 0.15;

    private Watermarker() {
    }

    /** Draws in place; {@code logo} is the decoded {@code watermark.logo}, or null. */
    static void draw(BufferedImage image, WatermarkSettings settings, BufferedImage logo) {
        int shorter = Math.min(image.getWidth(), image.getHeight());
        float size = (float) Math.max(MIN_FONT_PIXELS, shorter * TEXT_SHARE);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) settings.opacity()));
            int margin = (int) Math.ceil(shorter * MARGIN_SHARE + Math.max(1f, size / 12f));
            double textHeight = 0;
            if (!settings.text().isBlank()) {
                textHeight = drawText(g, image, settings, size, margin);
            }
            if (logo != null) {
                drawLogo(g, image, settings.position(), logo, margin, textHeight);
            }
        } finally {
            g.dispose();
        }
    }

    /** The logo's size on this image: a share of its width, a smaller share of its height at most, never enlarged. */
    private static java.awt.Dimension logoSize(BufferedImage image, BufferedImage logo) {
        double scale = Math.min(1.0, Math.min(image.getWidth() * LOGO_WIDTH_SHARE / logo.getWidth(),
                image.getHeight() * LOGO_HEIGHT_SHARE / logo.getHeight()));
        return new java.awt.Dimension(Math.max(1, (int) Math.round(logo.getWidth() * scale)),
                Math.max(1, (int) Math.round(logo.getHeight() * scale)));
    }

    private static void drawLogo(Graphics2D g, BufferedImage image, WatermarkPosition position, BufferedImage logo,
                                 int margin, double textHeight) {
        java.awt.Dimension size = logoSize(image, logo);
        int w = image.getWidth();
        int h = image.getHeight();
        if (position == WatermarkPosition.TILED) {
            int stepX = size.width * 3;
            int stepY = size.height * 3;
            for (int row = 0, y = stepY / 2; y < h; y += stepY, row++) {
                for (int x = (row % 2) * stepX / 2 - size.width / 2; x < w; x += stepX) {
                    g.drawImage(logo, x, y, size.width, size.height, null);
                }
            }
            return;
        }
        int gap = textHeight > 0 ? (int) Math.ceil(textHeight) + margin / 2 : 0;
        int x = switch (position) {
            case TOP_LEFT, BOTTOM_LEFT -> margin;
            case CENTER -> (w - size.width) / 2;
            default -> w - margin - size.width;
        };
        int y = switch (position) {
            case TOP_LEFT, TOP_RIGHT -> margin + gap;
            case CENTER -> (h - size.height) / 2 - gap;
            default -> h - margin - gap - size.height;
        };
        g.drawImage(logo, x, y, size.width, size.height, null);
    }

    /** Draws the text as the position says; returns its height (the logo is stacked beside it). */
    private static double drawText(Graphics2D g, BufferedImage image, WatermarkSettings settings, float size,
                                   int margin) {
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
        return bounds.getHeight();
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
