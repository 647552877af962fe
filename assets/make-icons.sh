#!/bin/sh
# Draws the app icon (a rounded square with a clipboard holding a bar chart) and writes
# icon.png (512x512, Linux and the source for the others) and icon.ico (Windows, 16-256 px).
# Needs ImageMagick 6 or 7. Run from anywhere: sh assets/make-icons.sh
set -eu
cd "$(dirname "$0")"
if command -v magick >/dev/null 2>&1; then im=magick; else im=convert; fi

# Drawn at 1024 px and scaled down for smooth edges.
$im -size 1024x1024 xc:none \
  -fill '#0b4f6c' -draw 'roundrectangle 32,32 991,991 200,200' \
  -fill '#ffffff' -draw 'roundrectangle 232,196 792,900 56,56' \
  -fill '#f2b134' -draw 'roundrectangle 382,136 642,268 40,40' \
  -fill '#0b4f6c' -draw 'roundrectangle 452,166 572,214 20,20' \
  -fill '#d0dde4' -draw 'rectangle 312,780 712,796' \
  -fill '#2a9d8f' -draw 'roundrectangle 332,600 412,780 14,14' \
  -fill '#2a9d8f' -draw 'roundrectangle 472,480 552,780 14,14' \
  -fill '#f2b134' -draw 'roundrectangle 612,360 692,780 14,14' \
  -resize 512x512 -strip PNG32:icon.png

$im icon.png -define icon:auto-resize=256,128,64,48,32,24,16 icon.ico
