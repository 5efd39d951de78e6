#!/usr/bin/env bash
# Regenerates the JPEG XL fixtures: a 24x16 gradient from ImageMagick, encoded by cjxl (libjxl-tools) as a container
# (container.jxl) and as a bare codestream (bare.jxl); exiftool 13 then adds GPS, serial number, owner, Orientation 6
# and an XMP creator to the container (Exif and xml boxes after the jxlc box) as meta.jxl.
# Needs: imagemagick, libjxl-tools, exiftool 13 at $IMAGEGUARD_EXIFTOOL. Run from this directory.
set -euo pipefail
exiftool=${IMAGEGUARD_EXIFTOOL:-exiftool}
convert -size 24x16 gradient:red-blue gradient.png
cjxl --container=1 gradient.png container.jxl >/dev/null 2>&1
cjxl gradient.png bare.jxl >/dev/null 2>&1
cp container.jxl meta.jxl
perl "$exiftool" -q -m -overwrite_original -GPSLatitude=51.5 -GPSLatitudeRef=N -SerialNumber=SN12345 \
  -OwnerName='Jane Owner' -Orientation#=6 -XMP-dc:Creator='Jane Xmp' meta.jxl
rm gradient.png
