#include "dicomweb/MultipartRelated.h"

#include <lamina/core/Error.h>

#include <algorithm>
#include <cctype>

namespace lamina {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

[[noreturn]] void corrupt(const std::string& source, size_t at, const std::string& what) {
    throw Error(ErrorKind::Corrupt, source,
                "malformed multipart/related answer: " + what + " at byte " + std::to_string(at));
}

// The first occurrence of `needle` in `hay` at or after `from` (npos when none).
size_t find(std::span<const uint8_t> hay, std::string_view needle, size_t from) {
    if (from > hay.size() || needle.size() > hay.size() - from)
        return std::string_view::npos;
    const auto it =
        std::search(hay.begin() + std::ptrdiff_t(from), hay.end(), needle.begin(), needle.end(),
                    [](uint8_t a, char b) { return a == static_cast<uint8_t>(b); });
    return it == hay.end() ? std::string_view::npos : size_t(it - hay.begin());
}

bool startsWith(std::span<const uint8_t> data, size_t at, std::string_view text) {
    return at <= data.size() && text.size() <= data.size() - at &&
           std::equal(text.begin(), text.end(), data.begin() + std::ptrdiff_t(at),
                      [](char a, uint8_t b) { return static_cast<uint8_t>(a) == b; });
}

} // namespace

std::optional<std::string> contentTypeParameter(std::string_view contentType,
                                                std::string_view name) {
    // Parameters: ; name=value or ; name="value" (a quoted value may hold ';', as in
    // Orthanc's type="image/jpeg; transfer-syntax=...").
    size_t at = contentType.find(';');
    while (at != std::string_view::npos && at < contentType.size()) {
        size_t end = at + 1;
        bool quoted = false;
        while (end < contentType.size() && (quoted || contentType[end] != ';')) {
            if (contentType[end] == '"')
                quoted = !quoted;
            ++end;
        }
        const std::string_view parameter = trim(contentType.substr(at + 1, end - at - 1));
        const size_t equals = parameter.find('=');
        if (equals != std::string_view::npos &&
            lower(trim(parameter.substr(0, equals))) == lower(name)) {
            std::string_view value = trim(parameter.substr(equals + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
                value = value.substr(1, value.size() - 2);
            return std::string(value);
        }
        at = end < contentType.size() ? end : std::string_view::npos;
    }
    return std::nullopt;
}

std::string contentTypeMediaType(std::string_view contentType) {
    std::string_view media = trim(contentType.substr(0, contentType.find(';')));
    while (!media.empty() && media.front() == '"')
        media.remove_prefix(1);
    while (!media.empty() && media.back() == '"')
        media.remove_suffix(1);
    return lower(trim(media));
}

std::string multipartBoundary(std::string_view contentType, const std::string& source) {
    if (contentTypeMediaType(contentType) != "multipart/related")
        throw Error(ErrorKind::Corrupt, source,
                    "expected a multipart/related answer, got \"" + std::string(contentType) +
                        "\"");
    const auto boundary = contentTypeParameter(contentType, "boundary");
    if (!boundary || boundary->empty() || boundary->size() > 70)
        throw Error(ErrorKind::Corrupt, source,
                    "the multipart/related answer has no valid boundary (Content-Type \"" +
                        std::string(contentType) + "\")");
    return *boundary;
}

std::vector<MultipartPart> parseMultipartRelated(std::span<const uint8_t> body,
                                                 std::string_view contentType,
                                                 const std::string& source, size_t maxParts) {
    const std::string boundary = multipartBoundary(contentType, source);
    const std::string delimiter = "\r\n--" + boundary;
    // The first delimiter may open the body without the CRLF (no preamble).
    size_t at;
    if (startsWith(body, 0, "--" + boundary))
        at = 2 + boundary.size();
    else if (const size_t first = find(body, delimiter, 0); first != std::string_view::npos)
        at = first + delimiter.size();
    else
        corrupt(source, 0, "no boundary");
    std::vector<MultipartPart> parts;
    for (;;) {
        // After a delimiter: "--" closes, CRLF opens a part (transport padding allowed).
        if (startsWith(body, at, "--"))
            return parts;
        while (at < body.size() && (body[at] == ' ' || body[at] == '\t'))
            ++at;
        if (!startsWith(body, at, "\r\n"))
            corrupt(source, at, "no line break after a boundary");
        at += 2;
        const size_t headersEnd = find(body, "\r\n\r\n", at);
        const size_t emptyHeaders = startsWith(body, at, "\r\n") ? at : std::string_view::npos;
        MultipartPart part;
        size_t bodyStart;
        if (emptyHeaders != std::string_view::npos) {
            bodyStart = at + 2;
        } else {
            if (headersEnd == std::string_view::npos || headersEnd - at > 16384)
                corrupt(source, at, "part headers without an end");
            const std::string_view headers(reinterpret_cast<const char*>(body.data()) + at,
                                           headersEnd - at);
            size_t line = 0;
            while (line <= headers.size()) {
                const size_t end = std::min(headers.find("\r\n", line), headers.size());
                const std::string_view text = headers.substr(line, end - line);
                const size_t colon = text.find(':');
                if (colon == std::string_view::npos || colon == 0)
                    corrupt(source, at + line, "a part header without a name");
                part.headers[lower(trim(text.substr(0, colon)))] =
                    std::string(trim(text.substr(colon + 1)));
                line = end + 2;
            }
            bodyStart = headersEnd + 4;
        }
        const size_t next = find(body, delimiter, bodyStart);
        if (next == std::string_view::npos)
            corrupt(source, bodyStart, "a part without a closing boundary (truncated?)");
        part.body = body.subspan(bodyStart, next - bodyStart);
        if (parts.size() >= maxParts)
            corrupt(source, bodyStart, "more than " + std::to_string(maxParts) + " parts");
        parts.push_back(std::move(part));
        at = next + delimiter.size();
    }
}

} // namespace lamina
