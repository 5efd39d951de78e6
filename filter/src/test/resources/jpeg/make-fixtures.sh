#!/bin/sh
# Regenerates the JPEG test fixtures in this directory. Needs ImageMagick 6 (convert), exiftool and cjpeg
# (libjpeg-turbo-progs). Each fixture is a tiny picture (16x12) so the committed binaries stay a few KB.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A picture with some structure so decoding differences would show.
convert -size 16x12 gradient:red-blue -fill yellow -draw 'rectangle 4,3 9,8' "$tmp/base.ppm"
convert -size 8x6 xc:green "$tmp/thumb.jpg"

# EXIF with GPS, Orientation 6 (rotate 90 CW) and an embedded thumbnail (IFD1).
convert "$tmp/base.ppm" -quality 90 baseline-exif.jpg
exiftool -q -overwrite_original -Orientation#=6 -GPSLatitude=48.8584 -GPSLatitudeRef=N \
  -GPSLongitude=2.2945 -GPSLongitudeRef=E -Make=ImageGuard -Model=Fixture -SerialNumber=12345 \
  "-ThumbnailImage<=$tmp/thumb.jpg" baseline-exif.jpg

# Progressive: several SOS with DHT between the scans.
convert "$tmp/base.ppm" -interlace Plane -quality 90 progressive.jpg

# CMYK: ImageMagick writes an APP14 Adobe segment (colour transform) that must survive.
convert "$tmp/base.ppm" -colorspace CMYK -quality 90 cmyk.jpg

# An ICC profile in APP2 ICC_PROFILE.
convert "$tmp/base.ppm" -profile /usr/share/color/icc/ghostscript/srgb.icc -quality 90 icc.jpg

# Restart markers after every MCU (RST0..RST7 inside the scan data).
cjpeg -restart 1B -sample 1x1 -quality 90 "$tmp/base.ppm" > restart.jpg

# A COM comment.
convert "$tmp/base.ppm" -quality 90 comment.jpg
exiftool -q -overwrite_original '-Comment=secret location: 48.8584 N' comment.jpg

# IPTC-IIM in APP13 Photoshop 3.0.
convert "$tmp/base.ppm" -quality 90 iptc.jpg
exiftool -q -overwrite_original -IPTC:City=Paris -IPTC:By-line=Someone -IPTC:CopyrightNotice='(c) Someone' iptc.jpg

# An existing XMP packet (creator, GPS).
convert "$tmp/base.ppm" -quality 90 xmp.jpg
exiftool -q -overwrite_original -XMP-dc:Creator=Someone -XMP-dc:Title=Fixture -XMP-exif:GPSLatitude='48 51 N' xmp.jpg

# Bytes after EOI that are not a picture (some cameras and tools leave data there).
convert "$tmp/base.ppm" -quality 90 trailing.jpg
printf 'TRAILING-DATA-0123456789' >> trailing.jpg

ls -l ./*.jpg
