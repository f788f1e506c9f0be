#pragma once
// Parses a multipart/related HTTP body (RFC 2046 / RFC 2387) as WADO-RS returns frames and
// metadata: the boundary from the Content-Type header (quoted or not), an optional preamble,
// parts separated by CRLF "--boundary", each with its headers up to a blank line, the closing
// "--boundary--". Qt builds such bodies but does not parse them; Lamina does, with strict
// bounds: a malformed or truncated body is an error naming the source and the byte offset,
// never a guess. Parts refer into the body (no copies).
// Thread-safety: stateless.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lamina {

struct MultipartPart {
    std::map<std::string, std::string> headers; // names lower-cased, values trimmed
    std::span<const uint8_t> body;              // into the parsed buffer
};

// A parameter of a Content-Type value, unquoted (`name` compared case-insensitively);
// nullopt when absent. Quoted values may hold ';'.
std::optional<std::string> contentTypeParameter(std::string_view contentType,
                                                std::string_view name);

// The media type of a Content-Type value, lower-cased, without parameters, spaces or quotes
// ("Image/JPEG; transfer-syntax=..." -> "image/jpeg").
std::string contentTypeMediaType(std::string_view contentType);

// The boundary parameter of a Content-Type value ("multipart/related; type=...;
// boundary=..."). Throws lamina::Error(Corrupt) naming `source` when the type is not
// multipart/related or the boundary is missing or invalid (1..70 characters).
std::string multipartBoundary(std::string_view contentType, const std::string& source);

// Throws lamina::Error(Corrupt) naming `source` for a body that does not follow the format
// or holds more than `maxParts` parts.
std::vector<MultipartPart> parseMultipartRelated(std::span<const uint8_t> body,
                                                 std::string_view contentType,
                                                 const std::string& source,
                                                 size_t maxParts = 100000);

} // namespace lamina
