#!/usr/bin/env bash
# Reading a slide from a DICOMweb archive over links of several latencies (docs/performance.md).
#   scripts/bench-dicomweb.sh SLIDE [ONE_WAY_DELAY_MS ...]     (default delays: 0 10 25 50)
# Starts Orthanc with its DICOMweb plugin on loopback (temporary storage, no authentication,
# gzip answers and full series metadata, as deployed), sends SLIDE to it with
# `lamina-cli archive send`, then for each delay runs `lamina-cli bench view` on the series
# through tests/support/delay_proxy.py (0: straight to Orthanc) and prints one JSON object per
# delay. Environment: VIEWPORT (3840x2160), THREADS (2), RUNS (3, per delay). Needs the
# release build (scripts/lamina run or cmake --build --preset release).
set -euo pipefail
cd "$(dirname "$0")/.."
slide=${1:?usage: scripts/bench-dicomweb.sh SLIDE [ONE_WAY_DELAY_MS ...]}
shift
delays=("$@")
[ ${#delays[@]} -gt 0 ] || delays=(0 10 25 50)
cli=build/release/src/cli/lamina-cli
[ -x "$cli" ] || { echo "build the release preset first: $cli is missing" >&2; exit 2; }
plugin=$(ls /usr/share/orthanc/plugins/libOrthancDicomWeb.so 2>/dev/null) ||
    { echo "Orthanc's DICOMweb plugin is not installed (scripts/install-deps.sh)" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/storage"
cat > "$work/orthanc.json" <<EOF
{ "Name": "lamina-bench", "StorageDirectory": "$work/storage", "IndexDirectory": "$work/storage",
  "HttpPort": $port, "DicomServerEnabled": false, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "HttpCompressionEnabled": true, "HttpThreadsCount": 8,
  "SaveJobs": false, "Plugins": [ "$plugin" ],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "SeriesMetadata": "Full" } }
EOF
Orthanc "$work/orthanc.json" > "$work/orthanc.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/system" > /dev/null && break
    sleep 0.1
done
root="http://127.0.0.1:$port/dicom-web"
"$cli" archive send "$slide" "$root" --staging "$work/staging" >&2
series=$(curl -sf "$root/series?Modality=SM" | python3 -c '
import json, sys
s = json.load(sys.stdin)[0]
print("studies/%s/series/%s" % (s["0020000D"]["Value"][0], s["0020000E"]["Value"][0]))')

for delay in "${delays[@]}"; do
    target=$port
    if [ "$delay" != 0 ]; then
        python3 tests/support/delay_proxy.py "$port" "$delay" > "$work/proxy-$delay" &
        pids+=($!)
        for _ in $(seq 50); do [ -s "$work/proxy-$delay" ] && break; sleep 0.1; done
        target=$(head -1 "$work/proxy-$delay")
    fi
    for run in $(seq "${RUNS:-3}"); do
        "$cli" bench view "http://127.0.0.1:$target/dicom-web/$series" \
            --viewport "${VIEWPORT:-3840x2160}" --threads "${THREADS:-2}" --json |
            python3 -c "import json, sys; j = json.load(sys.stdin); j['one_way_delay_ms'] = $delay
j['run'] = $run; print(json.dumps(j))"
    done
done
