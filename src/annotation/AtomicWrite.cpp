#include "AtomicWrite.h"

#include <lamina/core/Error.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lamina {

void writeAtomically(const std::filesystem::path& target, const std::string& bytes) {
    const std::filesystem::path temporary =
        target.parent_path() /
        ("." + target.filename().string() + ".saving-" + std::to_string(::getpid()));
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
}

} // namespace lamina
