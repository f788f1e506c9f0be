#include <lamina/core/Error.h>

namespace lamina {
namespace {

std::string composeMessage(const std::string& file, const std::string& cause) {
    return file.empty() ? cause : file + ": " + cause;
}

} // namespace

const char* toString(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::NotFound:
        return "not found";
    case ErrorKind::Io:
        return "I/O error";
    case ErrorKind::UnsupportedFormat:
        return "unsupported format";
    case ErrorKind::Corrupt:
        return "corrupt file";
    case ErrorKind::InvalidArgument:
        return "invalid argument";
    case ErrorKind::Cancelled:
        return "cancelled";
    }
    return "error";
}

Error::Error(ErrorKind kind, std::string file, std::string cause)
    : std::runtime_error(composeMessage(file, cause)), kind_(kind), file_(std::move(file)),
      cause_(std::move(cause)) {}

} // namespace lamina
