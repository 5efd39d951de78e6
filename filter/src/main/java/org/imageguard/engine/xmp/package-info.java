/**
 * XMP for ImageGuard: {@link org.imageguard.engine.xmp.XmpComposer} merges the image's packet with our DataMining
 * statement and rights fields (IPTC PLUS and Photo Metadata), strips private properties, and splits into standard
 * and Extended XMP when a container's limit asks for it. Built on Adobe's xmpcore; never fails an image over its own
 * XMP.
 */
package org.imageguard.engine.xmp;
