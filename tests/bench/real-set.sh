#!/usr/bin/env bash
# Assembles the "real-world set" the batch benchmark runs on, from Debian 12 packages anyone can fetch, and prints
# its directory. Nothing is generated: these are the files as their packages ship them.
#
#   tests/bench/real-set.sh              # -> /tmp/imageguard-real-set (reused by later runs)
#   IMAGEGUARD_REAL_SET=/dev/shm/set tests/bench/real-set.sh
#
# The set (Debian 12 "bookworm": 425 files, 239 MB):
#   wallpapers   plasma-workspace-wallpapers, gnome-backgrounds (WebP), mate-backgrounds, ukui-wallpapers,
#                lomiri-wallpapers-16.04 and -20.04: large JPEG/PNG/WebP photographs and renders, 0.2-12 MB each
#   desktop-base PNG artwork and icons of every size
#   go           golang-1.19-src's src/image testdata: every JPEG subsampling, progressive, CMYK, PngSuite
#   exiftool     libimage-exiftool-perl's t/images (apt-get source; needs a deb-src line): camera files with maker
#                notes, IPTC, XMP, ICC from phones and cameras of many makes
# Only JPEG, PNG, WebP and GIF files are kept (regular files; symbolic links skipped), under one directory per package.
# Needs: apt-get (download, source), dpkg-deb, dpkg-source.
set -euo pipefail

SET=${IMAGEGUARD_REAL_SET:-${TMPDIR:-/tmp}/imageguard-real-set}
if [ -f "$SET.complete" ]; then
    echo "$SET"
    exit 0
fi
PACKAGES="plasma-workspace-wallpapers gnome-backgrounds mate-backgrounds ukui-wallpapers lomiri-wallpapers-16.04
    lomiri-wallpapers-20.04 desktop-base golang-1.19-src"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/imageguard-real-set-work.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
rm -rf "$SET"
mkdir -p "$SET"

keep_images() { # SOURCE_DIR DEST_DIR: copies the JPEG/PNG/WebP/GIF regular files, keeping the tree
    (cd "$1" && find . -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \
        -o -iname '*.gif' \) -print0 | cpio -0 -pdm --quiet "$2")
}

(cd "$WORK" && apt-get download $PACKAGES >/dev/null 2>&1) || { echo "apt-get download failed" >&2; exit 2; }
for deb in "$WORK"/*.deb; do
    name=$(basename "$deb"); name=${name%%_*}
    dpkg-deb -x "$deb" "$WORK/x-$name"
    if [ "$name" = golang-1.19-src ]; then
        keep_images "$WORK/x-$name/usr/share/go-1.19/src/image" "$SET/go"
    else
        keep_images "$WORK/x-$name" "$SET/$name"
    fi
done
(cd "$WORK" && apt-get source -q libimage-exiftool-perl >/dev/null 2>&1) \
    || { echo "apt-get source libimage-exiftool-perl failed (is there a deb-src line?)" >&2; exit 2; }
keep_images "$(echo "$WORK"/libimage-exiftool-perl-*/t/images)" "$SET/exiftool"

touch "$SET.complete" # next to the directory, so it is not one of the files
echo "$(find "$SET" -type f | wc -l) files, $(du -sb "$SET" | cut -f1) bytes in $SET" >&2
echo "$SET"
