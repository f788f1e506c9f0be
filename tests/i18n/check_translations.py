#!/usr/bin/env python3
"""Checks Lamina's translations (CTest: Translations.*).

complete SOURCE_DIR LUPDATE   resources/i18n/lamina_fr.ts holds exactly the strings the
                              sources mark for translation (lupdate run afresh into a
                              temporary file) and translates every one of them, with the same
                              placeholders (%1, %n) as the English.
qt SOURCE_DIR LIBDIR          every source text of resources/i18n/qt_fr.ts is a string of the
                              Qt libraries in LIBDIR (so Lamina's French for Qt's buttons and
                              dialogs is not silently for strings Qt no longer has).
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def messages(ts_path):
    """{(context, source): (translation texts, unfinished?)}"""
    out = {}
    for context in ET.parse(ts_path).getroot().findall("context"):
        name = context.findtext("name")
        for m in context.findall("message"):
            source = m.findtext("source") or ""
            t = m.find("translation")
            forms = [f.text or "" for f in t.findall("numerusform")] if m.get("numerus") else [t.text or ""]
            unfinished = t.get("type") in ("unfinished", "vanished", "obsolete")
            out[(name, source)] = (forms, unfinished)
    return out


def placeholders(text):
    # %L1 is %1 in the UI locale's digits (a translation may ask for it): the same argument.
    return sorted(set(re.findall(r"%L?(\d+|n)", text)))


def complete(source_dir, lupdate):
    committed = os.path.join(source_dir, "resources/i18n/lamina_fr.ts")
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, "fresh.ts")
        subprocess.run([lupdate, "-silent", "-recursive", os.path.join(source_dir, "src"),
                        "-ts", fresh, "-source-language", "en", "-target-language", "fr",
                        "-no-obsolete", "-locations", "none"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wanted = set(messages(fresh))
    have = messages(committed)
    problems = []
    for key in sorted(wanted - set(have)):
        problems.append("not in lamina_fr.ts (run scripts/update-translations.sh): %s: %r" % key)
    for key in sorted(set(have) - wanted):
        problems.append("in lamina_fr.ts but no longer in the sources: %s: %r" % key)
    for (context, source), (forms, unfinished) in sorted(have.items()):
        if (context, source) not in wanted:
            continue
        if unfinished or not all(f.strip() for f in forms):
            problems.append("untranslated: %s: %r" % (context, source))
            continue
        for f in forms:
            if placeholders(f) != placeholders(source):
                problems.append("placeholders differ: %s: %r -> %r" % (context, source, f))
    for p in problems:
        print(p)
    print("%d messages, %d problems" % (len(wanted), len(problems)))
    return 1 if problems else 0


def qt(source_dir, libdir):
    blobs = b""
    for name in ("libQt6Core.so.6", "libQt6Gui.so.6", "libQt6Widgets.so.6"):
        with open(os.path.join(libdir, name), "rb") as f:
            blobs += f.read()
    problems = []
    have = messages(os.path.join(source_dir, "resources/i18n/qt_fr.ts"))
    for (context, source), (forms, unfinished) in sorted(have.items()):
        if source.encode() not in blobs:
            problems.append("not a string of Qt: %s: %r" % (context, source))
        if unfinished or not all(f.strip() for f in forms):
            problems.append("untranslated: %s: %r" % (context, source))
    for p in problems:
        print(p)
    print("%d messages, %d problems" % (len(have), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    mode, source_dir, tool = sys.argv[1:4]
    sys.exit(complete(source_dir, tool) if mode == "complete" else qt(source_dir, tool))
