#!/bin/sh
# Reproduces iptc.jpg: a 16x12 JPEG whose APP13 Photoshop segment holds IPTC-IIM with location datasets (which
# `strip: privacy` removes) and editorial ones (which it keeps), exiftool's IPTC digest, and a Photoshop thumbnail.
# Requires ImageMagick and exiftool.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

convert -size 16x12 xc:red "$tmp/photo.jpg"
convert -size 8x6 xc:blue "$tmp/thumb.jpg"
exiftool -q -overwrite_original -IPTC:City=Paris -IPTC:Sub-location=Montmartre -IPTC:Province-State=IDF \
  -IPTC:Country-PrimaryLocationCode=FRA -IPTC:Country-PrimaryLocationName=France \
  -IPTC:By-line="Jane Doe" -IPTC:CopyrightNotice="(c) 2026 Example" -IPTC:Keywords=sunset -IPTC:Headline=Hello \
  "-PhotoshopThumbnail<=$tmp/thumb.jpg" "$tmp/photo.jpg"
# The digest of the IPTC as written: stale once the location datasets are removed.
exiftool -q -overwrite_original -IPTCDigest=new "$tmp/photo.jpg"
cp "$tmp/photo.jpg" iptc.jpg
