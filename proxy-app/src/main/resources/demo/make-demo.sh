#!/bin/sh
# Regenerates the demo site's sample images: deterministic plasma pictures (fixed seeds) that carry the private
# metadata ImageGuard strips (GPS position, camera serial number, owner name), so the protection is visible.
# Needs ImageMagick 6 (convert), cwebp and exiftool. Run from this directory: sh make-demo.sh
set -eu
cd "$(dirname "$0")/images"

tag() {
    exiftool -q -overwrite_original \
        -EXIF:Make=ImageGuard -EXIF:Model="Demo Camera" \
        -EXIF:SerialNumber=SN-0042-DEMO -EXIF:OwnerName="Jane Photographer" \
        -EXIF:GPSLatitude=48.8584 -EXIF:GPSLatitudeRef=N \
        -EXIF:GPSLongitude=2.2945 -EXIF:GPSLongitudeRef=E \
        -XMP-dc:Creator="Jane Photographer" -XMP-aux:SerialNumber=SN-0042-DEMO \
        "$1"
}

convert -seed 11 -size 320x240 plasma:orange-purple -strip -quality 82 harbour.jpg
convert -seed 22 -size 240x240 plasma:green-blue -strip -colors 64 PNG8:meadow.png
convert -seed 33 -size 320x200 plasma:red-yellow -strip ppm:- | cwebp -quiet -q 75 -o dunes.webp -- -
for f in harbour.jpg meadow.png dunes.webp; do tag "$f"; done
ls -l harbour.jpg meadow.png dunes.webp
