#include "AnnotationFileIo.h"

#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace lamina {

std::string readWholeFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw Error(ErrorKind::NotFound, path.string(), "cannot open the annotation file");
    const std::streamoff size = in.tellg();
    if (size < 0)
        throw Error(ErrorKind::Io, path.string(), "cannot tell the size of the annotation file");
    // Spare capacity past the end lets simdjson parse the string in place instead of copying
    // it into a padded buffer (its SIMDJSON_PADDING is 64 bytes).
    std::string text;
    text.reserve(size_t(size) + 64);
    text.resize(size_t(size));
    in.seekg(0);
    if (!in.read(text.data(), size))
        throw Error(ErrorKind::Io, path.string(), "reading the annotation file failed");
    return text;
}

void writeAtomically(const std::filesystem::path& target, const std::string& bytes) {
    // What a killed Lamina left here (a 168 MB .saving-PID after a SIGKILL mid-save) goes now.
    removeStaleTemporaries(target.has_parent_path() ? target.parent_path() : ".");
    const std::filesystem::path temporary = temporaryPathFor(target, "saving");
    const auto fail = [&](int error) {
        throw Error(ErrorKind::Io, target.string(),
                    std::string("cannot save the annotations: ") + std::strerror(error));
    };
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        fail(errno);
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(temporary.c_str());
            fail(error);
        }
        done += size_t(n);
    }
    const bool synced = ::fsync(fd) == 0;
    const int syncError = errno;
    ::close(fd);
    if (!synced || ::rename(temporary.c_str(), target.c_str()) != 0) {
        const int error = synced ? errno : syncError;
        ::unlink(temporary.c_str());
        fail(error);
    }
    syncToDisk(target.has_parent_path() ? target.parent_path() : "."); // the rename itself
}

} // namespace lamina
