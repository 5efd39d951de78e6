#!/bin/sh
# Regenerates the PNG fixtures (ImageMagick 6, exiftool 12, apngasm). Tiny 16x12 images; dates excluded so that
# reruns give the same chunks.
set -eu
cd "$(dirname "$0")"
IM="-define png:exclude-chunk=date,time +set date:create +set date:modify"
ICC=/usr/share/color/icc/ghostscript/srgb.icc

# 16 bits per sample RGB, 8-bit palette, RGBA with transparency.
convert -size 16x12 gradient: -depth 16 $IM png48:gray16.png
convert -size 16x12 gradient:red-blue $IM png8:palette.png
convert -size 16x12 gradient:none-red $IM png32:alpha.png

# Private metadata everywhere: tEXt Author/Comment/Copyright, XMP with a creator and GPS, eXIf with GPS and
# artist, an iCCP profile.
convert -size 16x12 gradient:green-yellow -profile "$ICC" $IM png24:meta.png
exiftool -q -overwrite_original -PNG:Author='Alice Private' -PNG:Comment='shot at home' \
    -PNG:Copyright='(c) Alice' -XMP-dc:Creator='Alice Private' -XMP-exif:GPSLatitude='48.85' \
    -EXIF:Artist='Alice Private' -EXIF:GPSLatitude=48.85 -EXIF:GPSLatitudeRef=N -EXIF:Orientation#=6 meta.png

# ImageMagick copies a JPEG's EXIF into an eXIf after IDAT and tEXt "exif:*" chunks.
convert -size 16x12 gradient:blue-white $IM jpg:raw.jpg
exiftool -q -overwrite_original -EXIF:Artist='Bob Private' -EXIF:GPSLatitude=1.5 -EXIF:GPSLatitudeRef=S raw.jpg
convert raw.jpg $IM png24:imexif.png
rm raw.jpg

# Two-frame APNG.
convert -size 16x12 xc:red $IM png24:f1.png
convert -size 16x12 xc:blue $IM png24:f2.png
apngasm anim.png f1.png f2.png 1 10 > /dev/null
rm f1.png f2.png

# ImageMagick 6 carries a JPEG's XMP, IPTC and Photoshop resources into PNG as "Raw profile type xmp/iptc/8bim"
# text chunks (hex dumps, the XMP one zlib-compressed).
convert -size 16x12 xc:white $IM jpg:profiles.jpg
exiftool -q -overwrite_original -XMP-dc:Creator='Carol Private' -IPTC:By-line='Carol Private' profiles.jpg
convert profiles.jpg $IM png8:improfiles.png
rm profiles.jpg
