#pragma once
// Private to lamina_annotation: what the XML annotation readers (ASAP, ImageScope) share — a
// QXmlStreamReader over the file's text, errors that name the file and the line, and the
// per-file vertex limit that refuses hostile files.
// Thread-safety: one reader per thread.

#include <lamina/core/Error.h>

#include <QXmlStreamReader>

#include <string>

namespace lamina {

class XmlAnnotationReader {
public:
    static constexpr size_t kMaxVertices = 20'000'000; // per file, as for GeoJSON

    XmlAnnotationReader(const std::string& text, std::string source)
        : xml_(QByteArray::fromStdString(text)), source_(std::move(source)) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw Error(ErrorKind::Corrupt, source_,
                    "line " + std::to_string(xml_.lineNumber()) + ": " + what);
    }

    // Counts one more vertex; fails past kMaxVertices.
    void countVertex() {
        if (++vertices_ > kMaxVertices)
            fail("more than " + std::to_string(kMaxVertices) + " vertices");
    }

protected:
    QXmlStreamReader xml_;
    std::string source_;

private:
    size_t vertices_ = 0;
};

} // namespace lamina
