/**
 * Photoshop image resources and IPTC-IIM, as found in JPEG APP13:
 * {@link org.imageguard.engine.iptc.PhotoshopIrbCleaner} removes location datasets, thumbnails and stale digests.
 */
package org.imageguard.engine.iptc;
