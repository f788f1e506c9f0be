#!/bin/sh
# The SDK's minimal example (docs/examples/minimal-plugin) builds against the SDK headers
# alone — a folder holding only lamina/plugin/, as `cmake --install` lays it out — and then
# loads and runs in lamina-cli.
# Usage: build_example_plugin.sh EXAMPLE_SOURCE_DIR SDK_INCLUDE_DIR LAMINA_CLI
set -eu
example=$1 sdk=$2 cli=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
test "$(ls "$sdk/lamina")" = plugin # nothing of Lamina but the SDK
cmake -S "$example" -B "$work/build" -DLAMINA_SDK_INCLUDE_DIR="$sdk" >/dev/null
cmake --build "$work/build" >/dev/null
LAMINA_PLUGIN_PATH="$work/build" "$cli" plugins list --json > "$work/list.json"
grep -q '"id": "example-darkness"' "$work/list.json"
grep -A6 '"id": "example-darkness"' "$work/list.json" | grep -q '"available": true'
"$cli" synth -o "$work/slide.svs" --width 3000 --height 2000 >/dev/null
LAMINA_PLUGIN_PATH="$work/build" "$cli" plugin run example-darkness "$work/slide.svs" \
    -o "$work/out.geojson" > "$work/run.txt"
grep -q '^darkness_sum: [0-9]' "$work/run.txt"
echo "example plugin built against the SDK alone, loaded and run"
