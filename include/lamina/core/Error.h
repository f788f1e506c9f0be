#pragma once
// Lamina's one exception type. Every error that can reach a user names the file (or URL) it is
// about and the cause, so the message can be shown as is: "<file>: <cause>".
// Thread-safety: immutable after construction; safe to copy and read from any thread.

#include <stdexcept>
#include <string>

namespace lamina {

enum class ErrorKind {
    NotFound,          // the file or resource does not exist
    Io,                // it exists but cannot be read or written (permissions, directory, ...)
    UnsupportedFormat, // readable, but no backend handles this format (yet)
    Corrupt,           // a backend recognised the format, but the content is broken
    InvalidArgument,   // the caller asked for something impossible (level, region, size)
    Cancelled,         // the operation was cancelled by the user
};

const char* toString(ErrorKind kind);

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::string file, std::string cause);

    ErrorKind kind() const { return kind_; }
    const std::string& file() const { return file_; }
    const std::string& cause() const { return cause_; }

private:
    ErrorKind kind_;
    std::string file_;
    std::string cause_;
};

} // namespace lamina
