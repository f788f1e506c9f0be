#!/usr/bin/env bash
# Installs the FHIR validator the report tests use (tests/fhir: @medplum/core and its R4
# definitions, versions pinned in package.json) into FOLDER, from the npm registry. Cheap when
# already there. Offline, it says so and exits 0 so the suite still runs on a user's machine
# (the FHIR tests then skip with that reason); in CI (CI=true) a failure is an error.
set -euo pipefail
folder="$1"
source_dir="$(cd "$(dirname "$0")/../tests/fhir" && pwd)"
mkdir -p "$folder"
cp "$source_dir/package.json" "$source_dir/validate-bundle.mjs" "$folder/"
if [ -f "$folder/node_modules/@medplum/core/package.json" ] &&
    grep -q '"version": "3.2.24"' "$folder/node_modules/@medplum/core/package.json"; then
    exit 0
fi
if ! command -v npm >/dev/null; then
    echo "install-fhir-validator: npm is not installed (scripts/install-deps.sh installs it)" >&2
    [ "${CI:-}" = "true" ] && exit 1 || exit 0
fi
if ! (cd "$folder" && npm install --no-audit --no-fund --loglevel=error >npm.log 2>&1); then
    echo "install-fhir-validator: npm install failed (offline?); see $folder/npm.log" >&2
    [ "${CI:-}" = "true" ] && exit 1 || exit 0
fi
