#pragma once
// Where one slide's annotations live on disk, and saving them without ever losing work.
//
// Location, as the caller says (the store knows nothing of slide formats or archives):
// - a slide file: a sidecar `<slide file>.annotations.geojson` beside it when that folder
//   accepts new files, else `<data folder>/annotations/<name>-<digest>.geojson`, the digest
//   being of the slide's size and first MiB (stable when the slide is moved or touched);
// - a slide without a file of its own (a series in a DICOMweb archive): `<data folder>/
//   annotations/<key>.geojson`, with a key the caller derives from the slide's identity
//   (e.g. `dicom-<study UID>-<series UID>`, so the same series from another address finds
//   its annotations).
// Saving is atomic (temporary file, fsync, rename): a crash leaves the old file or the new
// one, never half of one. If the file changed on disk since it was loaded or last saved (another
// program, another Lamina, a restored backup) it is not overwritten: the document goes to a
// `.conflict-<n>.geojson` copy beside it, the result says so, and later saves update that
// copy (path() follows it), so the user can compare and choose.
// Thread-safety: one store per open slide; not for concurrent use.

#include <lamina/annotation/AnnotationDocument.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace lamina {

class AnnotationStore {
public:
    // The store of a local slide file.
    AnnotationStore(std::filesystem::path slidePath, std::filesystem::path dataFolder);
    // The store of a slide known by `key` alone. Throws lamina::Error(InvalidArgument) unless
    // the key is a plain file name (letters, digits, '.', '-', '_'; not "." or "..").
    static AnnotationStore inDataFolder(const std::string& key,
                                        const std::filesystem::path& dataFolder);

    // Where load() reads and save() writes.
    const std::filesystem::path& path() const { return path_; }

    // The saved document, or AnnotationDocument::withDefaults() when none was saved yet.
    // Throws lamina::Error (Corrupt, Io) when the file exists but cannot be used; later saves
    // then go to a conflict copy, so the unreadable file is kept as it is.
    AnnotationDocument load();

    struct SaveResult {
        std::filesystem::path writtenTo;
        bool conflict = false; // true: path() changed on disk; writtenTo is a separate copy
    };
    // Throws lamina::Error(Io) when nothing could be written (disk full, no permission).
    SaveResult save(const AnnotationDocument& document);

    static std::filesystem::path sidecarFor(const std::filesystem::path& slidePath);

private:
    AnnotationStore() = default;

    struct Fingerprint {
        bool exists = false;
        uint64_t size = 0;
        int64_t modifiedNs = 0;
        friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
    };
    Fingerprint fingerprint() const;

    std::filesystem::path path_;
    std::optional<Fingerprint> known_; // the disk state we last read or wrote
};

} // namespace lamina
