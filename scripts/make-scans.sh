#!/bin/sh
# Builds the scanned test corpus (corpus/scans/) from born-digital sample PDFs, with
# Debian tools only: pdftoppm and pdftotext (poppler-utils), ImageMagick's convert,
# img2pdf, pdfseparate and pdfunite.
#
#   scripts/make-scans.sh [--from DIR] [--out DIR]
#
# DIR defaults to corpus/ (the sample PDFs); output goes to corpus/scans/. For every page
# the ground truth is the text of the born-digital page (pdftotext -layout: rows kept
# together, as OCR reads them), in
# <name>.p<N>.gt.txt. The output is deterministic (fixed angles and noise seeds, img2pdf's
# internal engine), so the committed scans can be rebuilt and compared; only
# mixed-text-scan.pdf differs from run to run, in the file id pdfunite writes.
#
# What it makes:
#   <doc>-300dpi.pdf / <doc>-200dpi.pdf  image-only PDFs: every page rendered in grey,
#       rotated by up to 1.5 degrees, blurred and noised like a photocopy, stored as JPEG
#   letter-200dpi.tif   a multi-page TIFF (bilevel, Group 4), as fax servers send them
#   phone-photo.jpg     one page photographed: perspective, blur, uneven light, colour
#   mixed-text-scan.pdf page 1 born-digital (text layer), page 2 scanned
#   aviso-es-300dpi.jpg a Spanish notice (accents, ñ, ¿¡), for eng+spa
#   newsletter-2col-{200,300}dpi.pdf, report-3col-{200,300}dpi.pdf
#       two- and three-column pages with a table (corpus/src/scans/*.ms), scanned as
#       above; their ground truth is the reading order: column after column, a table
#       row after row
#   data-sharing-agreement.pdf  born-digital, a short last page (no OCR wanted)
#   data-sharing-signed.pdf     the same two pages and a scanned signature page
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
from="$root/corpus"
out="$root/corpus/scans"
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "make-scans.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

for tool in groff pdftoppm pdftotext convert img2pdf pdfseparate pdfunite; do
  command -v "$tool" >/dev/null || {
    echo "make-scans.sh: $tool is missing: run scripts/install-deps.sh" >&2; exit 3; }
done

moa="$from/county-287g-jail-model-moa.pdf"
letter="$from/cpd-foia-response-letter-2021.pdf"
order="$from/cpd-special-order-s06-14-03.pdf"
for f in "$moa" "$letter" "$order"; do
  [ -f "$f" ] || { echo "make-scans.sh: $f is missing: give the sample PDFs with --from DIR" >&2; exit 3; }
done

mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Skew angles (degrees) taken in turn, page after page: within +-1.5.
angles="0.7 -1.2 1.5 -0.4 1.0 -1.5 0.3 -0.9 1.3"
angle_index=0
next_angle() {
  angle_index=$((angle_index + 1))
  echo "$angles" | tr ' ' '\n' | sed -n "$(( (angle_index - 1) % 9 + 1 ))p"
}

# render PDF PAGE DPI -> $tmp/page.pgm (grey)
render() {
  pdftoppm -gray -r "$3" -f "$2" -l "$2" "$1" "$tmp/page"
  mv "$tmp"/page-*.pgm "$tmp/page.pgm"
}

# scan IN.pgm OUT.jpg DPI SEED: what a photocopier and a flatbed scanner do to a page.
scan() {
  size=$(identify -format '%wx%h' "$1")
  convert "$1" -background white -rotate "$(next_angle)" +repage -gravity center -extent "$size" \
    -blur 0x0.6 -seed "$4" -attenuate 0.12 +noise Gaussian \
    -level 4%,96% -fill 'gray(94%)' -opaque white \
    -density "$3" -units PixelsPerInch -quality 40 -strip "$2"
}

# ground_truth PDF PAGE OUT
ground_truth() { pdftotext -layout -enc UTF-8 -f "$2" -l "$2" "$1" "$3"; }

# scanned_pdf SOURCE NAME DPI: an image-only PDF of every page.
scanned_pdf() {
  pages=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
  images=""
  n=1
  while [ "$n" -le "$pages" ]; do
    render "$1" "$n" "$3"
    scan "$tmp/page.pgm" "$tmp/$2-$n.jpg" "$3" "$n$3"
    ground_truth "$1" "$n" "$out/$2.p$n.gt.txt"
    images="$images $tmp/$2-$n.jpg"
    n=$((n + 1))
  done
  # shellcheck disable=SC2086
  img2pdf --engine internal --producer "" --creationdate 2021-01-01 --moddate 2021-01-01 -o "$out/$2.pdf" $images
}

scanned_pdf "$moa" moa-300dpi 300
scanned_pdf "$letter" letter-200dpi 200
scanned_pdf "$order" order-300dpi 300
scanned_pdf "$order" order-200dpi 200

# Multi-page TIFF: the letter again, bilevel at 200 dpi (fax quality).
tiffs=""
for n in 1 2; do
  render "$letter" "$n" 200
  convert "$tmp/page.pgm" -background white -rotate "$(next_angle)" +repage -gravity center \
    -extent "$(identify -format '%wx%h' "$tmp/page.pgm")" -threshold 60% \
    -density 200 -units PixelsPerInch -compress Group4 "$tmp/letter-$n.tif"
  tiffs="$tiffs $tmp/letter-$n.tif"
  ground_truth "$letter" "$n" "$out/letter-200dpi-tiff.p$n.gt.txt"
done
# shellcheck disable=SC2086
convert $tiffs -compress Group4 "$out/letter-200dpi.tif"

# Phone photo of the special order's first page: the page is tilted away from the
# camera (perspective), the light falls off to one corner, slightly out of focus, colour.
render "$order" 1 250
size=$(identify -format '%wx%h' "$tmp/page.pgm")
w=${size%x*}
h=${size#*x}
convert "$tmp/page.pgm" -background 'rgb(60,60,55)' -virtual-pixel background \
  -distort Perspective "0,0 $((w*2/100)),$((h*3/100))  $w,0 $((w*97/100)),$((h*1/100))  0,$h $((w*1/100)),$((h*98/100))  $w,$h $((w*99/100)),$h" \
  \( -size "${w}x${h}" radial-gradient:'rgb(255,250,235)'-'rgb(175,165,150)' \) \
  -compose Multiply -composite -blur 0x0.9 -seed 7 -attenuate 0.3 +noise Gaussian \
  -density 250 -units PixelsPerInch -quality 55 -strip "$out/phone-photo.jpg"
ground_truth "$order" 1 "$out/phone-photo.p1.gt.txt"

# A response that mixes a born-digital cover page with a scanned attachment page.
pdfseparate -f 1 -l 1 "$letter" "$tmp/text-page.pdf"
render "$moa" 2 300
scan "$tmp/page.pgm" "$tmp/scan-page.jpg" 300 99
img2pdf --engine internal --producer "" --creationdate 2021-01-01 --moddate 2021-01-01 \
  -o "$tmp/scan-page.pdf" "$tmp/scan-page.jpg"
pdfunite "$tmp/text-page.pdf" "$tmp/scan-page.pdf" "$out/mixed-text-scan.pdf"
ground_truth "$letter" 1 "$out/mixed-text-scan.p1.gt.txt"
ground_truth "$moa" 2 "$out/mixed-text-scan.p2.gt.txt"

# A Spanish notice, typeset here: agencies in Chicago answer in Spanish too.
cat > "$tmp/aviso.ms" <<'MS'
.nr PS 12
.nr VS 15
.ce
.B "AVISO SOBRE SOLICITUDES DE REGISTROS PÚBLICOS"
.PP
La Oficina del Secretario Municipal recibió su solicitud el 3 de febrero de 2021.
Según la Ley de Libertad de Información de Illinois, la respuesta debe enviarse en un
plazo de cinco días hábiles. Si la búsqueda exige más tiempo, le enviaremos una
notificación de prórroga por escrito.
.PP
¿Necesita ayuda? Llame a nuestra línea de atención al público o escríbanos a la
dirección que figura abajo. Los documentos que contengan información personal se
entregarán con las partes protegidas tachadas.
.PP
¡Gracias por su paciencia! Atentamente, la señora Núñez, encargada de la oficina.
MS
groff -ms -K utf8 -Tpdf "$tmp/aviso.ms" > "$tmp/aviso.pdf"
render "$tmp/aviso.pdf" 1 300
scan "$tmp/page.pgm" "$out/aviso-es-300dpi.jpg" 300 5
ground_truth "$tmp/aviso.pdf" 1 "$out/aviso-es-300dpi.p1.gt.txt"

# Multi-column pages. Their text is typeset from corpus/src/scans/NAME.ms without
# hyphenation, so the ground truth is the source's text in source order (ms fills one
# column after the other): requests and macros dropped, a table's rows kept as lines.
ms_text() {
  awk '
    /^\.TS/ { table = 1; format = 1; next }
    /^\.TE/ { table = 0; next }
    table && format { if ($0 ~ /\.$/) format = 0; next }
    table && /^_$/ { next }
    table { gsub(/\t/, " "); print; next }
    /^\.B "/ { sub(/^\.B "/, ""); sub(/"$/, ""); print; next }
    /^\./ { next }
    { print }
  ' "$1" | sed -e 's/\\(em/\xe2\x80\x94/g'
}
seed=0
for name in newsletter-2col report-3col; do
  seed=$((seed + 1))
  groff -ms -t -K utf8 -Tpdf "$root/corpus/src/scans/$name.ms" > "$tmp/$name.pdf"
  for dpi in 200 300; do
    render "$tmp/$name.pdf" 1 "$dpi"
    scan "$tmp/page.pgm" "$tmp/$name-$dpi.jpg" "$dpi" "$dpi$seed"
    img2pdf --engine internal --producer "" --creationdate 2021-01-01 --moddate 2021-01-01 \
      -o "$out/$name-${dpi}dpi.pdf" "$tmp/$name-$dpi.jpg"
    ms_text "$root/corpus/src/scans/$name.ms" > "$out/$name-${dpi}dpi.p1.gt.txt"
  done
done

# A born-digital agreement whose last page holds one sentence and two signature lines,
# and the same agreement with a scanned signature page after it.
groff -ms -K utf8 -Tpdf "$root/corpus/src/scans/data-sharing-agreement.ms" > "$out/data-sharing-agreement.pdf"
groff -ms -K utf8 -Tpdf "$root/corpus/src/scans/signature-page.ms" > "$tmp/signature-page.pdf"
render "$tmp/signature-page.pdf" 1 200
# Two pen signatures above the typed names.
convert "$tmp/page.pgm" -fill none -stroke 'gray(15%)' -strokewidth 3 \
  -draw "bezier 260,520 330,430 360,610 430,500 470,450 520,600 600,480" \
  -draw "bezier 260,940 300,880 380,1010 420,900 500,860 540,990 640,900" "$tmp/signed.pgm"
scan "$tmp/signed.pgm" "$tmp/signed.jpg" 200 41
img2pdf --engine internal --producer "" --creationdate 2021-01-01 --moddate 2021-01-01 \
  -o "$tmp/signed.pdf" "$tmp/signed.jpg"
pdfunite "$out/data-sharing-agreement.pdf" "$tmp/signed.pdf" "$out/data-sharing-signed.pdf"
ground_truth "$tmp/signature-page.pdf" 1 "$out/data-sharing-signed.p3.gt.txt"

ls -l "$out"
