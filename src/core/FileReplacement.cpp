#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <string>

namespace lamina {
namespace fs = std::filesystem;

namespace {

// The writer's PID when `name` is ".NAME.partial-PID" or ".NAME.saving-PID", else 0.
pid_t temporaryOwner(const std::string& name) {
    if (name.size() < 4 || name[0] != '.')
        return 0;
    const size_t dash = name.rfind('-');
    if (dash == std::string::npos || dash + 1 >= name.size())
        return 0;
    const std::string_view head(name.data(), dash);
    if (!head.ends_with(".partial") && !head.ends_with(".saving"))
        return 0;
    pid_t pid = 0;
    const auto [end, error] =
        std::from_chars(name.data() + dash + 1, name.data() + name.size(), pid);
    return error == std::errc() && end == name.data() + name.size() && pid > 0 ? pid : 0;
}

bool processRuns(pid_t pid) {
    return ::kill(pid, 0) == 0 || errno != ESRCH; // EPERM: someone else's, but alive
}

} // namespace

fs::path temporaryPathFor(const fs::path& target, std::string_view kind) {
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    return folder / ("." + target.filename().string() + "." + std::string(kind) + "-" +
                     std::to_string(::getpid()));
}

size_t removeStaleTemporaries(const fs::path& folder) {
    size_t removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const pid_t owner = temporaryOwner(it->path().filename().string());
        if (owner == 0 || owner == ::getpid() || processRuns(owner))
            continue;
        std::error_code removeError;
        if (fs::remove_all(it->path(), removeError) > 0 && !removeError)
            ++removed;
    }
    return removed;
}

bool syncToDisk(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    errno = error;
    return ok;
}

void replaceFile(const fs::path& target, const std::function<void(const fs::path&)>& write) {
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(ErrorKind::NotFound, target.string(), "the output folder does not exist");
    if (fs::is_directory(target, ec))
        throw Error(ErrorKind::Io, target.string(), "the output path is a folder");
    removeStaleTemporaries(folder);
    const fs::path temporary = temporaryPathFor(target);
    try {
        write(temporary);
        // On disk before the rename: a power loss must not leave an empty file under the
        // final name.
        if (!syncToDisk(temporary))
            throw Error(ErrorKind::Io, target.string(),
                        std::string("cannot flush the file to disk: ") + std::strerror(errno));
        fs::rename(temporary, target);
        syncToDisk(folder); // the rename itself; a folder that cannot be flushed changes nothing
    } catch (const fs::filesystem_error& e) {
        fs::remove(temporary, ec);
        throw Error(ErrorKind::Io, target.string(), e.code().message());
    } catch (const Error& e) {
        fs::remove(temporary, ec);
        // The user asked for `target`; a hidden temporary's name would only puzzle them.
        std::string cause = e.cause();
        for (size_t at; (at = cause.find(temporary.string())) != std::string::npos;)
            cause.replace(at, temporary.string().size(), target.string());
        if (e.file() == temporary.string())
            throw Error(e.kind(), target.string(), cause);
        throw;
    } catch (...) {
        fs::remove(temporary, ec);
        throw;
    }
}

} // namespace lamina
