#include "../AnnotationFileIo.h"
#include "XmlAnnotationReader.h"

#include <lamina/annotation/formats/AsapXml.h>
#include <lamina/core/Error.h>

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <cmath>
#include <map>

namespace lamina {
namespace {

std::optional<uint32_t> parseColour(const QString& text) {
    if (text.size() == 7 && text.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const uint32_t rgb = text.mid(1).toUInt(&ok, 16);
        if (ok)
            return rgb;
    }
    return std::nullopt;
}

QString colourText(uint32_t rgb) {
    return QStringLiteral("#%1").arg(rgb & 0xffffff, 6, 16, QLatin1Char('0')).toUpper();
}

class Reader : public XmlAnnotationReader {
public:
    using XmlAnnotationReader::XmlAnnotationReader;

    AnnotationDocument read() {
        AnnotationDocument doc = AnnotationDocument::withDefaults();
        bool sawRoot = false;
        while (xml_.readNextStartElement()) {
            const auto name = xml_.name();
            if (!sawRoot) {
                if (name != u"ASAP_Annotations" && name != u"Annotations")
                    fail("not an ASAP annotation file (root element <" +
                         name.toString().toStdString() + ">)");
                sawRoot = true;
                if (name == u"Annotations") { // bare list without the ASAP_Annotations wrapper
                    readAnnotations(doc);
                    continue;
                }
                continue; // descend into ASAP_Annotations
            }
            if (name == u"Annotations")
                readAnnotations(doc);
            else if (name == u"AnnotationGroups")
                readGroups(doc);
            else
                xml_.skipCurrentElement();
        }
        if (xml_.hasError())
            fail("not well-formed XML: " + xml_.errorString().toStdString());
        if (!sawRoot)
            fail("empty file");
        for (const auto& [name, rgb] : groupColours_)
            doc.ensureClass(name, rgb);
        return doc;
    }

private:
    double coordinate(const QXmlStreamAttributes& a, const char* name) {
        bool ok = false;
        // ASAP writes a dot; some European tools wrote a decimal comma.
        QString text = a.value(QLatin1String(name)).toString();
        text.replace(QLatin1Char(','), QLatin1Char('.'));
        const double v = text.toDouble(&ok);
        if (!ok || !std::isfinite(v))
            fail(std::string("coordinate ") + name + " is not a finite number");
        if (std::abs(v) > kMaxAnnotationCoordinate)
            fail(std::string("coordinate ") + name + " is out of range (" + text.toStdString() +
                 ")");
        return v;
    }

    void readGroups(AnnotationDocument&) {
        while (xml_.readNextStartElement()) {
            if (xml_.name() == u"Group") {
                const auto a = xml_.attributes();
                const std::string name = a.value(QLatin1String("Name")).toString().toStdString();
                if (!name.empty())
                    groupColours_[name] = parseColour(a.value(QLatin1String("Color")).toString());
            }
            xml_.skipCurrentElement();
        }
    }

    void readAnnotations(AnnotationDocument& doc) {
        while (xml_.readNextStartElement()) {
            if (xml_.name() != u"Annotation") {
                xml_.skipCurrentElement();
                continue;
            }
            const auto attributes = xml_.attributes();
            const QString type = attributes.value(QLatin1String("Type")).toString();
            Annotation a;
            a.id = Annotation::newId();
            a.name = attributes.value(QLatin1String("Name")).toString().toStdString();
            const QString group = attributes.value(QLatin1String("PartOfGroup")).toString();
            if (!group.isEmpty() && group != u"None") {
                a.className = group.toStdString();
                if (!groupColours_.count(a.className)) // unknown group: created, not an error
                    groupColours_[a.className] =
                        parseColour(attributes.value(QLatin1String("Color")).toString());
            }
            std::vector<std::pair<double, PointD>> ordered; // (Order, point)
            while (xml_.readNextStartElement()) {
                if (xml_.name() != u"Coordinates") {
                    xml_.skipCurrentElement();
                    continue;
                }
                while (xml_.readNextStartElement()) {
                    if (xml_.name() == u"Coordinate") {
                        const auto c = xml_.attributes();
                        countVertex();
                        const double order = c.hasAttribute(QLatin1String("Order"))
                                                 ? coordinate(c, "Order")
                                                 : double(ordered.size());
                        ordered.push_back({order, {coordinate(c, "X"), coordinate(c, "Y")}});
                    }
                    xml_.skipCurrentElement();
                }
            }
            std::stable_sort(ordered.begin(), ordered.end(),
                             [](const auto& l, const auto& r) { return l.first < r.first; });
            std::vector<PointD> points;
            for (const auto& [order, p] : ordered)
                points.push_back(p);
            a.geometry = shape(type, std::move(points));
            if (!a.geometry.isValid())
                fail("annotation \"" + a.name + "\" (" + type.toStdString() +
                     ") has too few coordinates");
            doc.layers[0].annotations.push_back(std::move(a));
        }
    }

    AnnotationGeometry shape(const QString& type, std::vector<PointD> points) {
        if (type == u"Dot")
            return {ShapeKind::Point, std::move(points), {}};
        if (type == u"PointSet")
            return {ShapeKind::MultiPoint, std::move(points), {}};
        if (type == u"Measurement")
            return {
                points.size() == 2 ? ShapeKind::Line : ShapeKind::Polyline, std::move(points), {}};
        if (type == u"Rectangle") {
            AnnotationGeometry ring{ShapeKind::Polygon, std::move(points), {}};
            const auto b = ring.bounds();
            return {ShapeKind::Rectangle, {{b.minX, b.minY}, {b.maxX, b.maxY}}, {}};
        }
        if (type == u"Polygon" || type == u"Spline")
            return {ShapeKind::Polygon, std::move(points), {}};
        fail("unknown annotation type \"" + type.toStdString() + "\"");
    }

    std::map<std::string, std::optional<uint32_t>> groupColours_;
};

} // namespace

AnnotationDocument AsapXml::parse(const std::string& text, const std::string& source) {
    return Reader(text, source).read();
}

AnnotationDocument AsapXml::read(const std::filesystem::path& path) {
    return parse(readWholeFile(path), path.string());
}

std::string AsapXml::serialize(const AnnotationDocument& document, size_t* droppedHoles) {
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("ASAP_Annotations"));
    xml.writeStartElement(QStringLiteral("Annotations"));
    size_t dropped = 0, index = 0;
    for (const AnnotationLayer& layer : document.layers)
        for (const Annotation& a : layer.annotations) {
            const AnnotationGeometry& g = a.geometry;
            QString type;
            std::vector<PointD> points = g.points;
            switch (g.kind) {
            case ShapeKind::Point:
                type = QStringLiteral("Dot");
                break;
            case ShapeKind::MultiPoint:
                type = QStringLiteral("PointSet");
                break;
            case ShapeKind::Line:
            case ShapeKind::Polyline:
                type = QStringLiteral("Measurement");
                break;
            case ShapeKind::Rectangle:
                type = QStringLiteral("Rectangle");
                points = g.outline();
                break;
            case ShapeKind::Ellipse:
            case ShapeKind::Polygon:
                type = QStringLiteral("Polygon");
                points = g.outline();
                dropped += g.holes.size();
                break;
            }
            xml.writeStartElement(QStringLiteral("Annotation"));
            xml.writeAttribute(QStringLiteral("Name"),
                               a.name.empty() ? QStringLiteral("Annotation %1").arg(index)
                                              : QString::fromStdString(a.name));
            xml.writeAttribute(QStringLiteral("Type"), type);
            xml.writeAttribute(QStringLiteral("PartOfGroup"),
                               a.className.empty() ? QStringLiteral("None")
                                                   : QString::fromStdString(a.className));
            const AnnotationClass* cls = document.findClass(a.className);
            xml.writeAttribute(QStringLiteral("Color"), colourText(a.rgb ? *a.rgb
                                                                   : cls ? cls->rgb
                                                                         : 0xF4FA58));
            xml.writeStartElement(QStringLiteral("Coordinates"));
            for (size_t i = 0; i < points.size(); ++i) {
                xml.writeEmptyElement(QStringLiteral("Coordinate"));
                xml.writeAttribute(QStringLiteral("Order"), QString::number(i));
                xml.writeAttribute(QStringLiteral("X"), QString::number(points[i].x, 'g', 17));
                xml.writeAttribute(QStringLiteral("Y"), QString::number(points[i].y, 'g', 17));
            }
            xml.writeEndElement(); // Coordinates
            xml.writeEndElement(); // Annotation
            ++index;
        }
    xml.writeEndElement(); // Annotations
    xml.writeStartElement(QStringLiteral("AnnotationGroups"));
    for (const AnnotationClass& c : document.classes) {
        xml.writeStartElement(QStringLiteral("Group"));
        xml.writeAttribute(QStringLiteral("Name"), QString::fromStdString(c.name));
        xml.writeAttribute(QStringLiteral("PartOfGroup"), QStringLiteral("None"));
        xml.writeAttribute(QStringLiteral("Color"), colourText(c.rgb));
        xml.writeEmptyElement(QStringLiteral("Attributes"));
        xml.writeEndElement();
    }
    xml.writeEndElement(); // AnnotationGroups
    xml.writeEndElement(); // ASAP_Annotations
    xml.writeEndDocument();
    if (droppedHoles)
        *droppedHoles = dropped;
    return out.toStdString();
}

} // namespace lamina
