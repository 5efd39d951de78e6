#!/usr/bin/env bash
# Regenerates the TIFF fixtures: ImageMagick draws small gradients (strips in both byte orders, 16x16 tiles, two
# pages), exiftool 13 adds what ImageGuard must remove (GPS, serial number, owner, make/model, description, IPTC,
# XMP creator) and what it keeps (Artist, Copyright). BigTIFF: libtiff's tiffcp -8 of the little-endian file (it
# keeps IFD0's baseline tags, Make/Model/ImageDescription among them, but no EXIF or GPS IFD).
# Needs: imagemagick, libtiff-tools, exiftool 13 at $IMAGEGUARD_EXIFTOOL. Run from this directory.
set -euo pipefail
exiftool=${IMAGEGUARD_EXIFTOOL:-exiftool}
convert -size 40x30 gradient:red-blue -depth 8 strip-le.tif
convert -size 40x30 gradient:red-blue -depth 8 -define tiff:endian=msb strip-be.tif
convert -size 64x48 gradient:green-yellow -define tiff:tile-geometry=16x16 tiled.tif
convert -size 20x10 gradient:red-blue -size 30x20 gradient:green-black multi.tif
for f in strip-le strip-be tiled multi; do
  perl "$exiftool" -q -overwrite_original -GPSLatitude=51.5 -GPSLatitudeRef=N -GPSLongitude=0.12 \
    -GPSLongitudeRef=W -SerialNumber=SN12345 -OwnerName='Jane Owner' -Make=Canon -Model='EOS R' \
    -Artist='Jane Artist' -Copyright='(c) Jane' -ImageDescription='at home' -XMP-dc:Creator='Jane Xmp' \
    -IPTC:By-line='Jane Iptc' -IPTC:City=London "$f.tif"
done
tiffcp -8 strip-le.tif big.tif
