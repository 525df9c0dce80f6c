#!/usr/bin/env bash
# Regenerate docs/briefing-page1.png: page 1 of the PDF briefing of the example process, as the
# README shows it. Needs Chromium (PDF) and poppler-utils (pdftoppm); see scripts/setup.sh.
# Usage: scripts/briefing-picture.sh [AS_OF]   (default 2026-03-01, a date inside the example's record)
set -euo pipefail
cd "$(dirname "$0")/.."
as_of="${1:-2026-03-01}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ACCORD_DB="$work/example.db"
node bin/accord.mjs import examples/russia-ukraine-2025 >/dev/null
node bin/accord.mjs brief --as-of "$as_of" --format pdf --out "$work/briefing.pdf" 2>/dev/null
mkdir -p docs
for page in 1 2; do
  pdftoppm -f "$page" -l "$page" -r 110 -png -singlefile "$work/briefing.pdf" "docs/briefing-page$page"
done
echo "wrote docs/briefing-page1.png and docs/briefing-page2.png ($(pdfinfo "$work/briefing.pdf" | awk '/^Pages:/{print $2}') pages)"
