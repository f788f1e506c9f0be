#!/usr/bin/python3
"""Writes a small DICOM whole-slide series holding several pyramids: two optical paths and
three focal planes (a z-stack), written with pydicom (python3-pydicom), not by Lamina.

Usage: make_multi_pyramid_dicom.py OUTPUT_FOLDER

Instances (one series, native RGB, explicit VR little endian):
  level0.dcm  64x48, 16x16 frames, TILED_SPARSE: every frame names its position, its focal
              plane (ZOffsetInSlideCoordinateSystem) and its optical path, listed in a shuffled
              order so that nothing can rely on the frame order.
  level1.dcm  32x24, 16x16 frames, TILED_FULL with TotalPixelMatrixFocalPlanes=3 and
              NumberOfOpticalPaths=2 (frames: column, row, then plane, then path), the planes'
              positions given by SpacingBetweenSlices and a shared ZOffset.
  level2.dcm  16x12, one frame, optical path "1" at z = 0 only (a pyramid whose low levels
              exist for the nominal plane only, as scanners often write).

Every frame is one flat colour telling where it belongs:
  red = 60 + 80 * path index, green = 40 + 70 * plane index, blue = 10 + 100 * level.
"""

import random
import sys
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

WSI_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.77.1.6"
PATHS = ["1", "2"]
PLANES_UM = [-2.0, 0.0, 2.0]
TILE = 16
STUDY = generate_uid()
SERIES = generate_uid()


def colour(path, plane, level):
    return bytes((60 + 80 * path, 40 + 70 * plane, 10 + 100 * level))


def item(**attributes):
    ds = Dataset()
    for key, value in attributes.items():
        setattr(ds, key, value)
    return ds


def optical_path(identifier):
    return item(OpticalPathIdentifier=identifier, OpticalPathDescription="path " + identifier,
                ObjectiveLensPower=20)


def instance(number, width, height, frames, paths):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = WSI_SOP_CLASS
    uid = generate_uid()
    meta.MediaStorageSOPInstanceUID = uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SOPClassUID = WSI_SOP_CLASS
    ds.SOPInstanceUID = uid
    ds.StudyInstanceUID = STUDY
    ds.SeriesInstanceUID = SERIES
    ds.Modality = "SM"
    ds.InstanceNumber = number
    ds.ImageType = ["ORIGINAL", "PRIMARY", "VOLUME", "NONE"]
    ds.SamplesPerPixel = 3
    ds.PhotometricInterpretation = "RGB"
    ds.PlanarConfiguration = 0
    ds.BitsAllocated = 8
    ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    ds.Rows = TILE
    ds.Columns = TILE
    ds.NumberOfFrames = len(frames)
    ds.TotalPixelMatrixColumns = width
    ds.TotalPixelMatrixRows = height
    ds.OpticalPathSequence = Sequence([optical_path(p) for p in paths])
    ds.NumberOfOpticalPaths = len(paths)
    spacing_mm = 0.00025 * (64 // width)
    ds.SharedFunctionalGroupsSequence = Sequence([item(PixelMeasuresSequence=Sequence([
        item(PixelSpacing=[spacing_mm, spacing_mm], SliceThickness=0.001,
             SpacingBetweenSlices=0.002)]))])
    ds.PixelData = b"".join(pixels for pixels in frames)
    return ds


def write(ds, path):
    ds.save_as(path, write_like_original=False)


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    pixels = TILE * TILE

    # Level 0: TILED_SPARSE, every (position, plane, path) a frame, shuffled.
    frames = [(col, row, z, p) for p in range(2) for z in range(3)
              for row in range(3) for col in range(4)]
    random.Random(7).shuffle(frames)
    ds = instance(1, 64, 48, [colour(p, z, 0) * pixels for (_, _, z, p) in frames], PATHS)
    ds.DimensionOrganizationType = "TILED_SPARSE"
    ds.TotalPixelMatrixFocalPlanes = 3
    ds.PerFrameFunctionalGroupsSequence = Sequence([
        item(PlanePositionSlideSequence=Sequence([item(
                 ColumnPositionInTotalImagePixelMatrix=1 + col * TILE,
                 RowPositionInTotalImagePixelMatrix=1 + row * TILE,
                 XOffsetInSlideCoordinateSystem=0.0, YOffsetInSlideCoordinateSystem=0.0,
                 ZOffsetInSlideCoordinateSystem=PLANES_UM[z])]),
             OpticalPathIdentificationSequence=Sequence([item(OpticalPathIdentifier=PATHS[p])]))
        for (col, row, z, p) in frames])
    write(ds, out / "level0.dcm")

    # Level 1: TILED_FULL, 2x2 frames per plane, 3 planes, 2 paths.
    frames = [colour(p, z, 1) * pixels for p in range(2) for z in range(3) for _ in range(4)]
    ds = instance(2, 32, 24, frames, PATHS)
    ds.DimensionOrganizationType = "TILED_FULL"
    ds.TotalPixelMatrixFocalPlanes = 3
    ds.SharedFunctionalGroupsSequence[0].PlanePositionSlideSequence = Sequence([item(
        XOffsetInSlideCoordinateSystem=0.0, YOffsetInSlideCoordinateSystem=0.0,
        ZOffsetInSlideCoordinateSystem=PLANES_UM[0])])
    write(ds, out / "level1.dcm")

    # Level 2: path "1", nominal plane only.
    ds = instance(3, 16, 12, [colour(0, 1, 2) * pixels], PATHS[:1])
    ds.DimensionOrganizationType = "TILED_FULL"
    ds.TotalPixelMatrixFocalPlanes = 1
    ds.SharedFunctionalGroupsSequence[0].PlanePositionSlideSequence = Sequence([item(
        XOffsetInSlideCoordinateSystem=0.0, YOffsetInSlideCoordinateSystem=0.0,
        ZOffsetInSlideCoordinateSystem=PLANES_UM[1])])
    ds.SharedFunctionalGroupsSequence[0].OpticalPathIdentificationSequence = Sequence(
        [item(OpticalPathIdentifier=PATHS[0])])
    write(ds, out / "level2.dcm")


if __name__ == "__main__":
    main()
