/**
 * EXIF for ImageGuard: {@link org.imageguard.engine.exif.ExifCleaner} rewrites an EXIF block keeping a whitelist of
 * tags per {@code strip} mode; {@link org.imageguard.engine.exif.ExifFindings} says what private data a block holds.
 * Built on Commons Imaging's TIFF reader and writer.
 */
package org.imageguard.engine.exif;
