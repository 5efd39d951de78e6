#!/bin/sh
# Reproduces the EXIF fixtures: a 16x12 JPEG tagged by exiftool with everything `strip: privacy` must remove
# (GPS, serial numbers, owner name, comment, thumbnail) and what it must keep (orientation, copyright), and its EXIF
# TIFF structure extracted as exiftool sees it. Requires ImageMagick and exiftool.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

convert -size 16x12 xc:red "$tmp/photo.jpg"
convert -size 8x6 xc:blue "$tmp/thumb.jpg"
for order in II MM; do
  cp "$tmp/photo.jpg" "$tmp/$order.jpg"
  exiftool -q -overwrite_original -ExifByteOrder="$order" \
    -GPSLatitude=48.8566 -GPSLatitudeRef=N -GPSLongitude=2.3522 -GPSLongitudeRef=E -GPSAltitude=35 \
    -SerialNumber=SN123456 -LensSerialNumber=LENS999 -OwnerName="Jane Private" \
    -Orientation#=6 -Copyright="(c) 2026 Example" -Artist="Jane Doe" \
    -Make=ExampleCam -Model=X1 -Software=Editor -DateTimeOriginal="2026:01:02 03:04:05" \
    -UserComment="at home" -ImageUniqueID=0123456789abcdef0123456789abcdef -XPComment="private" \
    -XResolution=72 -YResolution=72 -ResolutionUnit=inches -ExifImageWidth=16 -ExifImageHeight=12 \
    "-ThumbnailImage<=$tmp/thumb.jpg" "$tmp/$order.jpg"
done
cp "$tmp/II.jpg" tagged.jpg
rm -f plain.jpg
exiftool -q -all= -o plain.jpg "$tmp/photo.jpg"
exiftool -b -EXIF "$tmp/II.jpg" > exif-le.bin
exiftool -b -EXIF "$tmp/MM.jpg" > exif-be.bin
