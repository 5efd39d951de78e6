#!/bin/sh
# Regenerates the CLI test samples in this directory. Needs ImageMagick 6 (convert) and exiftool. Tiny pictures
# (16x12) so the committed binaries stay a few KB.
set -eu
cd "$(dirname "$0")"

# A camera JPEG: GPS, a body serial number and the owner's name, as a phone or DSLR leaves them.
convert -size 16x12 gradient:red-blue -fill yellow -draw 'rectangle 4,3 9,8' -quality 90 gps.jpg
exiftool -q -overwrite_original -GPSLatitude=48.8584 -GPSLatitudeRef=N -GPSLongitude=2.2945 -GPSLongitudeRef=E \
  -Make=ImageGuard -Model=Fixture -SerialNumber=SN123456 -OwnerName='Jane Private' -Copyright='(c) Jane' gps.jpg

# A PNG with an XMP creator and a tEXt comment.
convert -size 16x12 gradient:green-white -define png:exclude-chunks=date,time plain.png
exiftool -q -overwrite_original -XMP-dc:Creator='Jane Private' -PNG:Comment='taken at home' plain.png

ls -l ./*.jpg ./*.png
