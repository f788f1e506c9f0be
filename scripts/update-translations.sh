#!/usr/bin/env bash
# Brings resources/i18n/lamina_fr.ts up to date with the sources (new strings appear as
# unfinished: translate them in Qt Linguist or the file itself). The test
# Translations.FrenchIsCompleteAndUpToDate fails until every string is translated.
set -euo pipefail
cd "$(dirname "$0")/.."
lupdate=$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)
"$lupdate" -recursive src -ts resources/i18n/lamina_fr.ts -source-language en \
    -target-language fr -no-obsolete -locations none
