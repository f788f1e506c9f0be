#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpus into OUT/<target>/, from files Lamina's own tools write
(nothing binary is checked in): tiny synthetic slides of every codec (lamina-cli synth), their
DICOM conversion (lamina-cli dicomize), the JPEG and JPEG 2000 tile streams inside them, and
small text samples of every text format, beside the checked-in seeds of tests/fuzz/seeds/.

usage: make_seeds.py LAMINA_CLI OUT
"""
import os
import shutil
import struct
import subprocess
import sys

cli, out = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
work = os.path.join(out, ".work")
shutil.rmtree(out, ignore_errors=True)
os.makedirs(work)


def put(target, name, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def tiff_tiles(path):
    """(tables, [tile streams]) of the first IFD of a little-endian classic or BigTIFF."""
    data = open(path, "rb").read()
    big = data[2:4] == b"\x2b\x00"
    if big:
        ifd = struct.unpack_from("<Q", data, 8)[0]
        count = struct.unpack_from("<Q", data, ifd)[0]
        entry, size, first = 20, 8, ifd + 8
    else:
        ifd = struct.unpack_from("<I", data, 4)[0]
        count = struct.unpack_from("<H", data, ifd)[0]
        entry, size, first = 12, 4, ifd + 2
    widths = {3: 2, 4: 4, 16: 8, 7: 1}
    tags = {}
    for i in range(count):
        at = first + i * entry
        tag, kind = struct.unpack_from("<HH", data, at)
        n = struct.unpack_from("<Q" if big else "<I", data, at + 4)[0]
        width = widths.get(kind, 1)
        where = at + 4 + size
        if n * width > size:
            where = struct.unpack_from("<Q" if big else "<I", data, where)[0]
        code = {2: "<H", 4: "<I", 8: "<Q"}.get(width)
        if kind == 7:
            tags[tag] = data[where:where + n]
        elif code:
            tags[tag] = [struct.unpack_from(code, data, where + j * width)[0] for j in range(n)]
    offsets, counts = tags.get(324, []), tags.get(325, [])
    tiles = [data[o:o + c] for o, c in zip(offsets, counts)][:3]
    return tags.get(347, b""), tiles


# Slides of every codec: small, two levels, 64-pixel tiles.
for codec in ["jpeg", "jp2k", "jp2k-ycbcr", "lzw", "deflate"]:
    svs = os.path.join(work, codec + ".svs")
    subprocess.run([cli, "synth", "-o", svs, "--width", "256", "--height", "192", "--tile", "64",
                    "--compression", codec, "--level-step", "2", "--quiet"], check=True)
    put("tiff_slide", codec + ".svs", open(svs, "rb").read())
    tables, tiles = tiff_tiles(svs)
    for i, tile in enumerate(tiles):
        if codec == "jpeg": # byte 0: YCbCr (0) or RGB (1), + shared tables (2); then 64 x 64
            put("jpeg_tile", "tile%d" % i, bytes([0, 63, 63]) + tile)
            if tables:
                half = max(len(tables), len(tile))
                put("jpeg_tile", "tables%d" % i,
                    bytes([2, 63, 63]) + tables.ljust(half, b"\0") + tile.ljust(half, b"\0"))
        elif codec.startswith("jp2k"):
            put("jpeg2000_tile", "%s%d" % (codec, i),
                bytes([1 if codec.endswith("ycbcr") else 0, 63, 63]) + tile)
    if codec in ("jpeg", "jp2k"):
        folder = os.path.join(work, codec + "-dicom")
        subprocess.run([cli, "dicomize", svs, "-o", folder], check=True,
                       stdout=subprocess.DEVNULL)
        for name in sorted(os.listdir(folder))[:2]:
            put("dicom_slide", codec + "-" + name, open(os.path.join(folder, name), "rb").read())

# An ONNX model with metadata (the classifier plugin's test model; needs python3-onnx).
model = os.path.join(work, "model.onnx")
if subprocess.run(["/usr/bin/python3", os.path.join(here, "..", "plugins", "make_mean_red_model.py"),
                   model, "32", "class_names=tumour,stroma", "resolution=1.0"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
    put("onnx_metadata", "mean-red.onnx", open(model, "rb").read())


# Worker messages (PluginWorkerProtocol.cpp: QDataStream bodies, big-endian numbers; payloads
# of raw 32-bit words in host order). Byte 0 picks the type (0 hello, 1 read, 2 pixels,
# 3 result), byte 1 the payload's words at the end.
def text(s):
    b = s.encode()
    return struct.pack(">I", len(b)) + b


put("plugin_worker_protocol", "hello", bytes([0, 0]) + text("does not load"))
put("plugin_worker_protocol", "read",
    bytes([1, 0]) + struct.pack(">QQBi5d", 1, 2, 1, 0, 0.5, 10, 20, 256, 256))
put("plugin_worker_protocol", "pixels",
    bytes([2, 2]) + struct.pack(">Q", 2) + text("") + struct.pack(">ii", 2, 1) +
    struct.pack("<II", 0xff102030, 0))
done = struct.pack(">Q", 1) + text("") + struct.pack(">dB", 512, 1)
done += struct.pack(">Iii3d", 0, 2, 2, 0, 0, 16)
done += struct.pack(">I", 1) + struct.pack(">II6d", 1, 3, 0, 0, 10, 0, 0, 10) + text("Tumour")
done += struct.pack(">d", 0.5) + struct.pack(">I", 1) + text("area_mm2") + struct.pack(">d", 1.5)
put("plugin_worker_protocol", "result", bytes([3, 4]) + done + struct.pack("<4f", 0, 0.25, 0.5, 1))

shutil.rmtree(work)
# The checked-in text seeds.
seeds = os.path.join(here, "seeds")
for target in os.listdir(seeds):
    for name in os.listdir(os.path.join(seeds, target)):
        put(target, name, open(os.path.join(seeds, target, name), "rb").read())
print("seeds written to", out)
