#pragma once
// Where Lamina keeps what it adds to a slide, as one rule for the viewer and lamina-cli (so a
// result saved by `plugin run --save` is where the viewer looks): a series in a DICOMweb
// archive has no folder of its own, so its annotations go to the data folder under its UIDs
// (DicomWebSeriesUrl::localKey); any other location is a slide file (AnnotationStore's
// sidecar rule). Its analysis results sit beside the annotations
// (OverlayStore::folderBeside).
// Thread-safety: stateless.

#include <lamina/annotation/AnnotationStore.h>
#include <lamina/slide/SlideSource.h>

#include <filesystem>
#include <string>

namespace lamina {

AnnotationStore annotationStoreFor(const std::string& location,
                                   const std::filesystem::path& dataFolder);

// The location a slide's annotations are keyed by: its canonical location when the backend
// gives one (a DICOM series opened from one of its files or from its folder is one slide,
// with one annotation file), unless annotations were already saved under the location as
// given (before canonical locations existed): those are kept, never orphaned.
std::string annotationLocationFor(const SlideSource& slide,
                                  const std::filesystem::path& dataFolder);

// What carryAnnotations() did.
enum class AnnotationCarryOver {
    Copied,                    // the annotations (and analysis results) now also belong to `to`
    NothingToCarry,            // `annotationFile` does not exist
    DestinationAlreadyHasSome, // `to` has annotations of its own: left as they are
};

// Gives the slide at `to` — the same pixels elsewhere, e.g. the copy of a local slide in a
// DICOMweb archive after File › Send to Archive… — a copy of a slide's saved annotations
// (`annotationFile`, its AnnotationStore::path(): a conflict copy when it has one) and of the
// analysis results beside them. Level-0 pixel coordinates carry over unchanged: the copy
// has the same level 0. Never overwrites: annotations `to` already has are kept.
// The annotation file is copied atomically (a reader sees none or all of it).
// Throws lamina::Error(Io) naming the file that could not be written.
AnnotationCarryOver carryAnnotations(const std::filesystem::path& annotationFile,
                                     const std::string& to,
                                     const std::filesystem::path& dataFolder);

} // namespace lamina
