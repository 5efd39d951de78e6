#!/usr/bin/env bash
# Regenerates the HEIF/AVIF fixtures from ImageMagick gradients:
#   meta.avif  24x16 AVIF with alpha (avifenc, libavif-bin), then exiftool 13 adds GPS, serial number, owner and an
#              XMP creator (an Exif item and a mime XMP item);
#   grid.avif  128x64 AVIF as a 2x1 grid with alpha, with the same metadata added;
#   meta.heic  64x48 HEIC with a thumbnail (heif-enc, libheif-examples; iloc version 1 with an idat), with the same
#              metadata added;
#   plain.heic 64x48 HEIC as heif-enc writes it (no Exif, no XMP).
# Needs: imagemagick, libavif-bin, libheif-examples, exiftool 13 at $IMAGEGUARD_EXIFTOOL. Run from this directory.
set -euo pipefail
exiftool=${IMAGEGUARD_EXIFTOOL:-exiftool}
tag() {
  perl "$exiftool" -q -m -overwrite_original -GPSLatitude=51.5 -GPSLatitudeRef=N -SerialNumber=SN12345 \
    -OwnerName='Jane Owner' -XMP-dc:Creator='Jane Xmp' "$1"
}
convert -size 24x16 gradient:red-blue -alpha set -channel A -fx 'i/w' +channel small.png
convert -size 128x64 gradient:green-yellow -alpha set -channel A -fx 'j/h' +channel wide.png
convert -size 64x48 gradient:red-blue photo.png
avifenc -s 10 small.png meta.avif >/dev/null
avifenc -s 10 --grid 2x1 wide.png grid.avif >/dev/null
heif-enc -q 50 -t 16 photo.png -o meta.heic >/dev/null
heif-enc -q 50 photo.png -o plain.heic >/dev/null
tag meta.avif
tag grid.avif
tag meta.heic
rm small.png wide.png photo.png
