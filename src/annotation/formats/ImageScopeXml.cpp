#include "../AnnotationFileIo.h"
#include "../BoostShapes.h"
#include "XmlAnnotationReader.h"

#include <lamina/annotation/formats/ImageScopeXml.h>
#include <lamina/core/Error.h>

#include <QXmlStreamReader>

#include <cmath>

namespace lamina {
namespace {

// Windows COLORREF (0x00BBGGRR) -> 0xRRGGBB.
uint32_t fromColorRef(uint32_t c) {
    return ((c & 0xFF) << 16) | (c & 0xFF00) | ((c >> 16) & 0xFF);
}

struct Region {
    Annotation annotation;
    bool negative = false;
};

class Reader : public XmlAnnotationReader {
public:
    using XmlAnnotationReader::XmlAnnotationReader;

    AnnotationDocument read() {
        AnnotationDocument doc = AnnotationDocument::withDefaults();
        doc.layers.clear();
        if (!xml_.readNextStartElement()) {
            if (xml_.hasError())
                fail("not well-formed XML: " + xml_.errorString().toStdString());
            fail("empty file");
        }
        if (xml_.name() != u"Annotations")
            fail("not an ImageScope annotation file (root element <" +
                 xml_.name().toString().toStdString() + ">)");
        while (xml_.readNextStartElement()) {
            if (xml_.name() == u"Annotation")
                readLayer(doc);
            else
                xml_.skipCurrentElement();
        }
        if (xml_.hasError())
            fail("not well-formed XML: " + xml_.errorString().toStdString());
        if (doc.layers.empty())
            doc.layers.push_back({Annotation::newId(), "Annotations", true, false, 1.0, {}});
        return doc;
    }

private:
    double number(const QXmlStreamAttributes& a, const char* name) {
        bool ok = false;
        const double v = a.value(QLatin1String(name)).toDouble(&ok);
        if (!ok || !std::isfinite(v))
            fail(std::string("vertex ") + name + " is not a finite number");
        if (std::abs(v) > kMaxAnnotationCoordinate)
            fail(std::string("vertex ") + name + " is out of range (" +
                 a.value(QLatin1String(name)).toString().toStdString() + ")");
        return v;
    }

    void readLayer(AnnotationDocument& doc) {
        const auto attributes = xml_.attributes();
        AnnotationLayer layer;
        layer.id = Annotation::newId();
        layer.name = attributes.value(QLatin1String("Name")).toString().trimmed().toStdString();
        if (layer.name.empty())
            layer.name = "Layer " + attributes.value(QLatin1String("Id")).toString().toStdString();
        layer.visible = attributes.value(QLatin1String("Visible")) != u"0";
        std::optional<uint32_t> colour;
        bool ok = false;
        const uint32_t colorRef = attributes.value(QLatin1String("LineColor")).toUInt(&ok);
        if (ok)
            colour = fromColorRef(colorRef);
        std::string description;
        std::vector<Region> regions;
        while (xml_.readNextStartElement()) {
            if (xml_.name() == u"Attributes") {
                while (xml_.readNextStartElement()) {
                    const auto a = xml_.attributes();
                    if (xml_.name() == u"Attribute" &&
                        a.value(QLatin1String("Name")) == u"Description")
                        description = a.value(QLatin1String("Value")).toString().toStdString();
                    xml_.skipCurrentElement();
                }
            } else if (xml_.name() == u"Regions") {
                while (xml_.readNextStartElement()) {
                    if (xml_.name() == u"Region") {
                        if (auto region = readRegion(colour))
                            regions.push_back(std::move(*region));
                    } else {
                        xml_.skipCurrentElement(); // RegionAttributeHeaders
                    }
                }
            } else {
                xml_.skipCurrentElement(); // Plots
            }
        }
        placeNegativeRegions(regions, layer);
        for (Annotation& a : layer.annotations)
            if (a.note.empty())
                a.note = description;
        doc.layers.push_back(std::move(layer));
    }

    std::optional<Region> readRegion(std::optional<uint32_t> colour) {
        const auto attributes = xml_.attributes();
        Region region;
        region.negative = attributes.value(QLatin1String("NegativeROA")) == u"1";
        Annotation& a = region.annotation;
        a.id = Annotation::newId();
        a.name = attributes.value(QLatin1String("Text")).toString().toStdString();
        a.rgb = colour;
        const int type = attributes.value(QLatin1String("Type")).toInt();
        std::vector<PointD> points;
        while (xml_.readNextStartElement()) {
            if (xml_.name() != u"Vertices") {
                xml_.skipCurrentElement(); // Attributes
                continue;
            }
            while (xml_.readNextStartElement()) {
                if (xml_.name() == u"Vertex") {
                    countVertex();
                    const auto v = xml_.attributes();
                    points.push_back({number(v, "X"), number(v, "Y")});
                }
                xml_.skipCurrentElement();
            }
        }
        if (points.empty())
            return std::nullopt; // ImageScope leaves empty regions behind: nothing to show
        a.geometry = shape(type, std::move(points));
        if (!a.geometry.isValid())
            fail("region \"" + a.name + "\" has too few vertices for its type");
        return region;
    }

    static AnnotationGeometry shape(int type, std::vector<PointD> points) {
        // ImageScope repeats the first vertex at the end of closed regions.
        if (points.size() > 3 && points.front() == points.back())
            points.pop_back();
        const auto box = [&](ShapeKind kind) {
            const auto b = AnnotationGeometry{ShapeKind::Polygon, points, {}}.bounds();
            return AnnotationGeometry{kind, {{b.minX, b.minY}, {b.maxX, b.maxY}}, {}};
        };
        switch (type) {
        case 1:
            if (points.size() >= 2)
                return box(ShapeKind::Rectangle);
            break;
        case 2:
            if (points.size() >= 2)
                return box(ShapeKind::Ellipse);
            break;
        case 3: // arrow
        case 4: // ruler
            if (points.size() >= 2)
                return {ShapeKind::Line, {points[0], points[1]}, {}};
            break;
        default:
            break;
        }
        if (points.size() == 1)
            return {ShapeKind::Point, std::move(points), {}};
        if (points.size() == 2)
            return {ShapeKind::Line, std::move(points), {}};
        return {ShapeKind::Polygon, std::move(points), {}};
    }

    // Negative regions cut holes in the positive polygon of the layer that contains them.
    static void placeNegativeRegions(std::vector<Region>& regions, AnnotationLayer& layer) {
        namespace bg = boost::geometry;
        for (Region& r : regions)
            if (!r.negative)
                layer.annotations.push_back(std::move(r.annotation));
        const size_t positives = layer.annotations.size();
        for (Region& r : regions) {
            if (!r.negative)
                continue;
            AnnotationGeometry& hole = r.annotation.geometry;
            bool placed = false;
            if (hole.isArea()) {
                const auto holePolygon = boostshapes::polygon(hole);
                for (size_t i = 0; i < positives && !placed; ++i) {
                    AnnotationGeometry& outer = layer.annotations[i].geometry;
                    if (outer.kind == ShapeKind::Polygon &&
                        bg::within(holePolygon, boostshapes::polygon(outer))) {
                        outer.holes.push_back(hole.outline());
                        placed = true;
                    }
                }
            }
            if (!placed) {
                r.annotation.note = "ImageScope negative (excluded) region";
                layer.annotations.push_back(std::move(r.annotation));
            }
        }
    }
};

} // namespace

AnnotationDocument ImageScopeXml::parse(const std::string& text, const std::string& source) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw Error(ErrorKind::Corrupt, source, "empty file");
    return Reader(text, source).read();
}

AnnotationDocument ImageScopeXml::read(const std::filesystem::path& path) {
    return parse(readWholeFile(path), path.string());
}

bool ImageScopeXml::looksLike(const std::string& text) {
    const size_t regions = text.find("<Region");
    return regions != std::string::npos && regions < text.find("<Coordinate");
}

} // namespace lamina
