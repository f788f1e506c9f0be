#!/usr/bin/python3
"""Reads every frame of the DICOM files given, with pydicom (a reader not ours): the file meta,
the Extended Offset Table (offsets and lengths must point at each frame's item), and each
frame's bytes. Exits 1 naming the first file that fails. Used by DicomSlideWriterTest."""
import struct
import sys

import pydicom
from pydicom.encaps import generate_pixel_data_frame

for name in sys.argv[1:]:
    d = pydicom.dcmread(name)
    n = int(d.NumberOfFrames)
    frames = list(generate_pixel_data_frame(d.PixelData, n))
    if len(frames) != n:
        sys.exit(f"{name}: {len(frames)} frames read, NumberOfFrames says {n}")
    offsets = struct.unpack(f"<{n}Q", d[0x7FE00001].value)
    lengths = struct.unpack(f"<{n}Q", d[0x7FE00002].value)
    data = d.PixelData
    # Offsets count from the first frame item, after the (empty) Basic Offset Table item.
    first = 8 + struct.unpack("<I", data[4:8])[0]
    for i, frame in enumerate(frames):
        at = first + offsets[i]
        tag, length = struct.unpack("<II", data[at:at + 8])
        if tag != 0xE000FFFE or length != lengths[i]:
            sys.exit(f"{name}: the Extended Offset Table is wrong for frame {i + 1}")
        if data[at + 8:at + 8 + len(frame)] != frame:
            sys.exit(f"{name}: frame {i + 1} is not where the offset table says")
        magic = frame[:2]
        if magic not in (b"\xff\xd8", b"\xff\x4f"):
            sys.exit(f"{name}: frame {i + 1} is neither JPEG nor JPEG 2000")
    print(name, d.PhotometricInterpretation, n)
