#!/usr/bin/env bash
# Regenerates the tiny WebP fixtures of WebpRewriterTest. Needs ImageMagick 6, exiftool and Debian's `webp` package
# (cwebp, img2webp, webpmux). Run from this directory; commit the .webp files it writes.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Sources: an opaque 16x12 gradient and a half-transparent one.
convert -size 16x12 gradient:red-blue "$tmp/opaque.png"
convert -size 16x12 gradient:red-blue -alpha set -channel A -fx 'i<8?1:0.4' +channel "$tmp/alpha.png"

cwebp -quiet -q 80 "$tmp/opaque.png" -o lossy.webp                        # simple VP8
cwebp -quiet -lossless "$tmp/opaque.png" -o lossless.webp                 # simple VP8L
cwebp -quiet -q 80 "$tmp/alpha.png" -o lossy-alpha.webp                   # VP8X + ALPH + VP8
cwebp -quiet -lossless "$tmp/alpha.png" -o lossless-alpha.webp            # simple VP8L, alpha_is_used

# Three-frame animation.
convert -size 16x12 xc:red "$tmp/f1.png"
convert -size 16x12 xc:lime "$tmp/f2.png"
convert -size 16x12 xc:blue "$tmp/f3.png"
img2webp -loop 0 -lossless -d 100 "$tmp/f1.png" "$tmp/f2.png" "$tmp/f3.png" -o animated.webp

# EXIF with GPS and a camera serial number, taken from a JPEG as the raw TIFF structure.
convert -size 16x12 xc:gray "$tmp/exif.jpg"
exiftool -q -overwrite_original -Make=ImageGuard -Model=Fixture -Orientation#=6 -SerialNumber=SN12345 \
  -GPSLatitude=48.8584 -GPSLatitudeRef=N -GPSLongitude=2.2945 -GPSLongitudeRef=E "$tmp/exif.jpg"
exiftool -b -EXIF "$tmp/exif.jpg" > "$tmp/exif.bin"
webpmux -set exif "$tmp/exif.bin" lossy.webp -o with-exif.webp
# Some writers put the JPEG APP1 identifier in front of the TIFF structure.
{ printf 'Exif\0\0'; cat "$tmp/exif.bin"; } > "$tmp/exif-prefixed.bin"
webpmux -set exif "$tmp/exif-prefixed.bin" lossless.webp -o with-exif-prefixed.webp

# XMP with a creator and a location.
cat > "$tmp/xmp.xml" <<'XMP'
<?xpacket begin="﻿" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">
<dc:creator><rdf:Seq><rdf:li>Original Author</rdf:li></rdf:Seq></dc:creator>
<photoshop:City>Paris</photoshop:City>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>
XMP
webpmux -set xmp "$tmp/xmp.xml" lossless.webp -o with-xmp.webp

# ICC profile: the small sRGB profile from Debian's libgs-common (any ICC bytes would do: nothing decodes them).
cp /usr/share/color/icc/ghostscript/srgb.icc "$tmp/srgb.icc"
webpmux -set icc "$tmp/srgb.icc" lossy.webp -o with-icc.webp

# Everything at once on an image with alpha: ICCP, ALPH, VP8, EXIF, XMP.
webpmux -set icc "$tmp/srgb.icc" lossy-alpha.webp -o "$tmp/a.webp"
webpmux -set exif "$tmp/exif.bin" "$tmp/a.webp" -o "$tmp/b.webp"
webpmux -set xmp "$tmp/xmp.xml" "$tmp/b.webp" -o everything.webp

ls -l ./*.webp
