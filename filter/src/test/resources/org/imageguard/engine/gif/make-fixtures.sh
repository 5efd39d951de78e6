#!/bin/sh
# Regenerates the GIF fixtures (ImageMagick 6, exiftool 12). Tiny 16x12 images.
set -eu
cd "$(dirname "$0")"

# Two frames, looping forever: header, NETSCAPE2.0, then graphic control + image per frame.
convert -delay 10 -size 16x12 xc:red xc:blue -loop 0 anim.gif
# A still image with a comment extension.
convert -size 16x12 gradient:red-blue -set comment 'taken by Alice Private at home' comment.gif
# The 1987 version, which has no extensions.
convert -size 16x12 gradient:green-yellow GIF87:old.gif
# An animation that already carries XMP (written by exiftool) and a comment.
cp anim.gif xmp.gif
exiftool -q -overwrite_original -XMP-dc:Creator='Alice Private' -XMP-dc:Rights='(c) Alice' \
    -Comment='secret comment' xmp.gif
