#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>

#include <unistd.h>

#include <string>

namespace lamina {
namespace fs = std::filesystem;

void replaceFile(const fs::path& target, const std::function<void(const fs::path&)>& write) {
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(ErrorKind::NotFound, target.string(), "the output folder does not exist");
    if (fs::is_directory(target, ec))
        throw Error(ErrorKind::Io, target.string(), "the output path is a folder");
    const fs::path temporary =
        folder / ("." + target.filename().string() + ".partial-" + std::to_string(::getpid()));
    try {
        write(temporary);
        fs::rename(temporary, target);
    } catch (const fs::filesystem_error& e) {
        fs::remove(temporary, ec);
        throw Error(ErrorKind::Io, target.string(), e.code().message());
    } catch (...) {
        fs::remove(temporary, ec);
        throw;
    }
}

} // namespace lamina
