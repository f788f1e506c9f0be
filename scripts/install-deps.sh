#!/usr/bin/env bash
# Installs the Debian 12 packages Lamina needs to build, run and test — only the missing ones,
# so running it again is cheap. Needs root or sudo. Used by scripts/lamina and by CI.
set -euo pipefail

packages=(
    # toolchain
    g++ cmake ninja-build pkg-config ccache git
    # libraries
    libopenslide-dev libtiff-dev libturbojpeg0-dev libjpeg62-turbo-dev qt6-base-dev libgl-dev
    libspdlog-dev libfmt-dev nlohmann-json3-dev libcli11-dev
    libopenjp2-7-dev # JPEG 2000 tiles (Aperio 33003/33005)
    libboost-dev     # Boost.Geometry (annotation areas, lengths, clipping)
    libsimdjson-dev  # reading large GeoJSON annotation files (100 000 shapes in well under 2 s)
    libqt6svg6 # SVG icons (icon engine and image format plugins)
    libdcmtk-dev # DICOM whole-slide images (headers; frames are read by Lamina)
    liblcms2-dev # ICC profiles: the sRGB profile a DICOM export names when the source has none
    qtkeychain-qt6-dev # archive sign-in details in the OS keychain, when the user asks
    qt6-l10n-tools     # lupdate / lrelease: the French UI, compiled into the binary
    libopencv-core-dev libopencv-imgproc-dev libopencv-dnn-dev # the shipped analysis plugins
    clang libclang-rt-14-dev # the fuzz preset: libFuzzer with ASan + UBSan (scripts/lamina fuzz)
    # tests and their reference tools
    libgtest-dev libgmock-dev openslide-tools libtiff-tools locales-all xvfb xauth
    poppler-utils # pdfinfo / pdftotext read the report PDFs back
    orthanc-wsi   # OrthancWSIDicomizer: converts test slides to DICOM (a writer not ours)
    orthanc orthanc-dicomweb # a real DICOMweb archive, started by the tests on loopback
    python3       # a deliberately misbehaving archive for the DICOMweb error tests
    python3-pydicom # writes a DICOM series with several focal planes and optical paths; reads ours
    dicom3tools     # dciodvfy: checks every DICOM file Lamina writes against the standard
    python3-onnx    # writes the small ONNX model the classifier plugin's tests run
    gnome-keyring dbus-daemon # a private Secret Service for the keychain tests
    # the desktop files and the .deb, checked by their reference tools
    desktop-file-utils appstream shared-mime-info lintian dpkg-dev fakeroot man-db
)
# The FHIR validator of the report tests runs on Node.js (npm fetches it: tests/fhir). A Node
# installed another way (e.g. NodeSource, which bundles npm) is kept as it is.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
# Debian starts a system-wide Orthanc (DICOM port open to the network) when the package is
# installed; the tests start their own on loopback only, so one installed here is stopped and
# disabled. An Orthanc that was already installed is left as it was.
if [[ " ${missing[*]} " == *" orthanc "* ]] && [ -d /run/systemd/system ]; then
    $sudo systemctl disable --now orthanc >/dev/null 2>&1 || true
fi
