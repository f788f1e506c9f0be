#!/bin/sh
# Runs a command with a private, unlocked Secret Service (GNOME Keyring) on a private D-Bus
# session bus, in a temporary home: the user's own keyring is never touched. Without
# gnome-keyring-daemon or dbus-run-session the command runs with LAMINA_NO_TEST_KEYRING=1
# (the keychain tests then skip, or fail under CI).
command -v gnome-keyring-daemon >/dev/null && command -v dbus-run-session >/dev/null || {
    LAMINA_NO_TEST_KEYRING=1 exec "$@"
}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
    XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The daemon's password unlocks (and creates) its "login" keyring; its output (environment
# lines) is not needed: clients find the Secret Service on the session bus.
dbus-run-session -- sh -c \
    'printf lamina-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "$@"' \
    sh "$@"
