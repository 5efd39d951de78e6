#!/bin/sh
# Regenerates src/main/resources/org/imageguard/policy/hotlink/placeholder.png: the 64x64 grey "hotlink" image
# served to denied embeds (HotlinkAction.PLACEHOLDER). Kept out of the resources so it does not ship in the jar.
# Needs ImageMagick 6 and optipng. Metadata is stripped so the bytes depend on the pixels only.
set -eu
cd "$(dirname "$0")/../src/main/resources/org/imageguard/policy/hotlink"
convert -size 64x64 xc:'#c8c8c8' -fill '#505050' -gravity center -pointsize 12 -annotate +0+0 'hotlink' \
    -colors 8 -strip -define png:exclude-chunks=date,time png8:placeholder.png
optipng -quiet -o7 -strip all placeholder.png
