#!/usr/bin/env bash
# Package.DebInstallsAndRuns: builds the .deb of BUILD_DIR with cpack, checks it as Debian's
# tools do, installs it into a throwaway root with dpkg and runs the installed programs.
#   check_deb.sh BUILD_DIR
# Fails with the first problem found, naming it.
set -euo pipefail
build=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. The package, from what `cmake --install` installs.
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >cpack.log 2>&1) ||
    { cat "$work/cpack.log"; fail "cpack could not build the .deb"; }
deb=$(ls "$work"/out/lamina_*.deb)
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"

# 2. Its Depends are Debian 12 packages (each one installed here, where it was built), real or
#    virtual (libspdlog1.10 provides libspdlog1.10-fmt9).
installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Provides}\n' | awk '$1 == "ii" { $1 = ""; print }' |
    tr ' ,' '\n\n' | sed -E 's/ *\(.*//' | grep -v '^$' | sort -u)
depends=$(dpkg-deb -f "$deb" Depends)
[ -n "$depends" ] || fail "no Depends in the package"
echo "Depends: $depends"
IFS=',' read -ra alternatives <<<"$depends"
for alternative in "${alternatives[@]}"; do
    found=0
    IFS='|' read -ra choices <<<"$alternative"
    for choice in "${choices[@]}"; do
        name=$(echo "$choice" | sed -E 's/^ *([^ (]+).*/\1/')
        grep -qxF "$name" <<<"$installed" && found=1
    done
    [ "$found" = 1 ] || fail "Depends names a package that is not a Debian 12 package here: $alternative"
done

# 3. lintian: no errors (warnings are printed for the record).
lintian --tag-display-limit 0 --fail-on error "$deb" | tee "$work/lintian.log" ||
    fail "lintian found errors in the package"

# 4. Installed with dpkg into a throwaway root (its own dpkg database; dependencies are the
#    system's, checked above).
root="$work/root"
mkdir -p "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/info"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
dpkg --root="$root" --force-not-root --force-depends --force-script-chrootless \
     --log=/dev/null -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i failed"; }
dpkg --root="$root" -s lamina | grep -q "install ok installed" || fail "dpkg does not list lamina as installed"
for f in usr/bin/lamina usr/bin/lamina-cli usr/share/applications/org.lamina.Lamina.desktop \
         usr/share/metainfo/org.lamina.Lamina.metainfo.xml usr/share/mime/packages/org.lamina.Lamina.xml \
         usr/share/icons/hicolor/scalable/apps/org.lamina.Lamina.svg \
         usr/share/icons/hicolor/48x48/apps/org.lamina.Lamina.png \
         usr/share/man/man1/lamina.1.gz usr/share/man/man1/lamina-cli.1.gz \
         usr/share/doc/lamina/copyright; do
    [ -e "$root/$f" ] || fail "not installed: /$f"
done
ls "$root"/usr/lib/lamina/plugins/*.so >/dev/null 2>&1 || fail "no analysis plugins installed"
[ -x "$root/usr/lib/lamina/lamina-plugin-worker" ] || fail "not installed: /usr/lib/lamina/lamina-plugin-worker"

# 5. The installed programs run from the installed files.
slide="$work/installed.svs"
"$root/usr/bin/lamina-cli" synth -o "$slide" --width 4000 --height 3000 --quiet ||
    fail "the installed lamina-cli synth failed"
info=$("$root/usr/bin/lamina-cli" info "$slide") || fail "lamina-cli info failed"
echo "$info" | grep -q "Levels\|levels\|level" || fail "lamina-cli info printed no levels: $info"
plugins=$("$root/usr/bin/lamina-cli" plugins list 2>&1) || fail "lamina-cli plugins list failed: $plugins"
echo "$plugins" | grep -q "tissue-detection" || fail "the installed plugins are not found: $plugins"
# A run goes through the installed worker process (found beside the installed binaries).
run=$("$root/usr/bin/lamina-cli" plugin run tissue-detection "$slide" -o "$work/tissue.geojson" 2>&1) ||
    fail "the installed lamina-cli plugin run failed: $run"
grep -q 'FeatureCollection' "$work/tissue.geojson" || fail "the installed plugin run wrote no GeoJSON"
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$root/usr/bin/lamina" --version | grep -q "Lamina" ||
    fail "the installed lamina --version failed"

# 6. The desktop files pass their reference validators; the MIME types compile.
desktop-file-validate "$root/usr/share/applications/org.lamina.Lamina.desktop" ||
    fail "desktop-file-validate refused the .desktop file"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.lamina.Lamina.metainfo.xml" ||
    fail "appstreamcli refused the metainfo file"
mkdir -p "$work/mime/packages"
cp "$root/usr/share/mime/packages/org.lamina.Lamina.xml" "$work/mime/packages/"
cp /usr/share/mime/packages/freedesktop.org.xml "$work/mime/packages/"
update-mime-database "$work/mime" || fail "update-mime-database refused the MIME types"
grep -q "image/x-aperio-svs:\*.svs" "$work/mime/globs" || fail "*.svs is not image/x-aperio-svs"
for page in lamina lamina-cli; do
    warnings=$(MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null)
    [ -z "$warnings" ] || fail "man $page: $warnings"
done
echo "OK: $(basename "$deb") installs, runs and passes lintian, desktop-file-validate, appstreamcli"
