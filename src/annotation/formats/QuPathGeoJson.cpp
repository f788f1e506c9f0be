#include "../AnnotationFileIo.h"

#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>

#include <fmt/format.h>
#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <unordered_set>

namespace lamina {
namespace {

namespace dom = simdjson::dom;

constexpr const char* kDefaultLayer = "Annotations";
constexpr const char* kDetectionLayer = "Detections";

// Members Lamina reads; any other member is kept verbatim as a foreign field.
bool isKnownFeatureMember(std::string_view key) {
    return key == "type" || key == "id" || key == "geometry" || key == "properties";
}
bool isKnownProperty(std::string_view key) {
    // QuPath's measurements are recomputed from the shape, so stale copies are not kept.
    return key == "objectType" || key == "object_type" || key == "classification" ||
           key == "name" || key == "color" || key == "isLocked" || key == "measurements" ||
           key == "lamina";
}

void appendEscaped(std::string& out, std::string_view text) {
    out += '"';
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20)
                fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
            else
                out += ch; // UTF-8 passes through
        }
    }
    out += '"';
}

// Walks the parsed features with the file name and feature number at hand for errors.
// simdjson's DOM is read with error codes, not exceptions: every wrong type is reported as
// what it is, in words, naming the feature.
class Reader {
public:
    Reader(std::string source, const QuPathGeoJson::Limits& limits)
        : source_(std::move(source)), limits_(limits) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw Error(ErrorKind::Corrupt, source_,
                    (feature_ >= 0 ? "feature " + std::to_string(feature_) + ": " : "") + what);
    }

    void read(dom::element root, AnnotationDocument& doc) {
        std::vector<dom::element> features;
        if (root.is_array()) {
            for (dom::element f : dom::array(root))
                features.push_back(f);
        } else if (root.is_object()) {
            const dom::object object(root);
            const std::string type = stringOr(object, "type", "");
            if (type == "FeatureCollection") {
                dom::array list;
                if (object["features"].get(list))
                    fail("a FeatureCollection needs a \"features\" array");
                for (dom::element f : list)
                    features.push_back(f);
            } else if (type == "Feature") {
                features.push_back(root);
            } else {
                fail("expected a FeatureCollection, a Feature or an array of Features, found "
                     "type \"" +
                     type + "\"");
            }
            readLaminaMembers(object, doc);
        } else {
            fail("expected a FeatureCollection, a Feature or an array of Features");
        }
        for (size_t i = 0; i < features.size(); ++i) {
            feature_ = int(i);
            readFeature(features[i], doc);
        }
        feature_ = -1;
        if (doc.layers.empty())
            doc.layers.push_back({Annotation::newId(), kDefaultLayer, true, false, 1.0, {}});
    }

private:
    // The member `key` of `o`, or nothing when absent or null.
    static std::optional<dom::element> member(const dom::object& o, std::string_view key) {
        dom::element e;
        if (o[key].get(e) || e.is_null())
            return std::nullopt;
        return e;
    }
    std::string stringOr(const dom::object& o, std::string_view key,
                         const std::string& fallback) const {
        const auto e = member(o, key);
        if (!e)
            return fallback;
        std::string_view s;
        if (e->get(s))
            fail("\"" + std::string(key) + "\" must be a string");
        return std::string(s);
    }
    bool boolOr(const dom::object& o, std::string_view key, bool fallback) const {
        const auto e = member(o, key);
        if (!e)
            return fallback;
        bool b = false;
        if (e->get(b))
            fail("\"" + std::string(key) + "\" must be true or false");
        return b;
    }
    dom::object objectOr(const dom::object& o, std::string_view key, const char* what) const {
        const auto e = member(o, key);
        if (!e)
            return empty();
        dom::object out;
        if (e->get(out))
            fail(std::string("\"") + what + "\" must be an object");
        return out;
    }
    double number(dom::element v, const char* what) const {
        if (!v.is_number())
            fail(std::string(what) + " must be a number");
        const double d = double(v);
        if (!std::isfinite(d))
            fail(std::string(what) + " is not a finite number");
        return d;
    }
    double coordinate(dom::element v) const {
        const double d = number(v, "a coordinate");
        if (std::abs(d) > kMaxAnnotationCoordinate)
            fail("a coordinate is out of range (" + std::to_string(d) + ")");
        return d;
    }
    // QuPath colours: [r, g, b] (0-255), or one packed (A)RGB integer in older files.
    std::optional<uint32_t> colour(const dom::object& o, std::string_view key) const {
        const auto e = member(o, key);
        if (!e)
            return std::nullopt;
        dom::array components;
        if (!e->get(components) && components.size() >= 3) {
            uint32_t rgb = 0;
            for (size_t c = 0; c < 3; ++c) {
                const double v = number(components.at(c).value_unsafe(), "a colour component");
                if (v < 0 || v > 255)
                    fail("colour components must be between 0 and 255");
                rgb = rgb << 8 | uint32_t(v);
            }
            return rgb;
        }
        int64_t packed = 0;
        if (!e->get(packed))
            return uint32_t(packed) & 0xffffffu;
        fail("\"" + std::string(key) + "\" must be [r, g, b]");
    }

    PointD position(dom::element v) {
        dom::array xy;
        if (v.get(xy) || xy.size() < 2)
            fail("a position must be an array of at least two numbers");
        if (++vertices_ > limits_.maxFileVertices)
            fail("more than " + std::to_string(limits_.maxFileVertices) + " vertices in the file");
        auto it = xy.begin();
        const double x = coordinate(*it);
        ++it;
        return {x, coordinate(*it)};
    }
    std::vector<PointD> positions(dom::element v, bool ring) {
        dom::array list;
        if (v.get(list))
            fail("coordinates must be an array of positions");
        const size_t count = list.size();
        if (count > limits_.maxRingVertices)
            fail("a ring or line has " + std::to_string(count) + " vertices (more than " +
                 std::to_string(limits_.maxRingVertices) + ")");
        std::vector<PointD> out;
        out.reserve(count);
        for (dom::element p : list)
            out.push_back(position(p));
        if (ring && out.size() > 1 && out.front() == out.back())
            out.pop_back(); // GeoJSON repeats the first vertex; Lamina does not
        if (ring && out.size() < 3)
            fail("a polygon ring needs at least three distinct vertices");
        return out;
    }
    std::vector<std::vector<PointD>> rings(dom::element v) {
        dom::array list;
        if (v.get(list) || list.size() == 0)
            fail("polygon coordinates must be a non-empty array of rings");
        std::vector<std::vector<PointD>> out;
        for (dom::element r : list)
            out.push_back(positions(r, true));
        return out;
    }

    AnnotationLayer& layerNamed(AnnotationDocument& doc, const std::string& name) {
        if (lastLayer_ < doc.layers.size() && doc.layers[lastLayer_].name == name)
            return doc.layers[lastLayer_]; // features of one layer come together
        for (size_t l = 0; l < doc.layers.size(); ++l)
            if (doc.layers[l].name == name) {
                lastLayer_ = l;
                return doc.layers[l];
            }
        doc.layers.push_back({Annotation::newId(), name, true, false, 1.0, {}});
        lastLayer_ = doc.layers.size() - 1;
        return doc.layers.back();
    }

    void readLaminaMembers(const dom::object& root, AnnotationDocument& doc) {
        dom::object lamina;
        if (root["lamina"].get(lamina))
            return;
        dom::array layers;
        if (!lamina["layers"].get(layers))
            for (dom::element entry : layers) {
                dom::object l;
                if (entry.get(l))
                    fail("lamina.layers entries must be objects");
                AnnotationLayer layer;
                layer.id = stringOr(l, "id", Annotation::newId());
                layer.name = stringOr(l, "name", kDefaultLayer);
                layer.visible = boolOr(l, "visible", true);
                layer.locked = boolOr(l, "locked", false);
                if (const auto o = member(l, "opacity"))
                    layer.opacity = std::clamp(number(*o, "a layer opacity"), 0.0, 1.0);
                doc.layers.push_back(std::move(layer));
            }
        dom::array classes;
        if (!lamina["classes"].get(classes)) {
            doc.classes.clear(); // the file's own list, colours and order included
            for (dom::element entry : classes) {
                dom::object c;
                if (entry.get(c))
                    fail("lamina.classes entries must be objects");
                doc.ensureClass(stringOr(c, "name", ""), colour(c, "color"));
            }
        }
    }

    void readFeature(dom::element element, AnnotationDocument& doc) {
        dom::object f;
        if (element.get(f))
            fail("a feature must be an object");
        const std::string type = stringOr(f, "type", "Feature");
        if (type != "Feature")
            fail("expected type \"Feature\", found \"" + type + "\"");
        dom::object g;
        if (f["geometry"].get(g))
            fail("no geometry object");
        const dom::object props = objectOr(f, "properties", "properties");
        const dom::object lamina = objectOr(props, "lamina", "properties.lamina");

        Annotation a;
        a.id = stringOr(f, "id", "");
        if (a.id.empty() || !ids_.insert(a.id).second)
            a.id = Annotation::newId();
        a.name = stringOr(props, "name", "");
        a.locked = boolOr(props, "isLocked", false);
        a.rgb = colour(props, "color");
        a.note = stringOr(lamina, "note", "");
        if (const auto c = member(props, "classification")) {
            dom::object classification;
            if (c->get(classification))
                fail("\"classification\" must be an object");
            a.className = stringOr(classification, "name", "");
            if (const auto names = member(classification, "names"); a.className.empty() && names) {
                dom::array list;
                if (names->get(list))
                    fail("\"classification.names\" must be an array of strings");
                for (dom::element n : list) {
                    std::string_view part;
                    if (n.get(part))
                        fail("\"classification.names\" must be an array of strings");
                    a.className += (a.className.empty() ? "" : ": ") + std::string(part);
                }
            }
            doc.ensureClass(a.className, colour(classification, "color"));
        }
        // Measurements are recomputed from the shape; only their form is checked.
        if (const auto m = member(props, "measurements"); m && !m->is_object() && !m->is_array())
            fail("\"measurements\" must be an object or an array");
        for (const dom::key_value_pair field : f)
            if (!isKnownFeatureMember(field.key))
                appendForeign(a.foreign.feature, field);
        for (const dom::key_value_pair field : props)
            if (!isKnownProperty(field.key))
                appendForeign(a.foreign.properties, field);
        std::string objectType = stringOr(props, "objectType", "");
        if (objectType.empty())
            objectType = stringOr(props, "object_type", "annotation");
        const std::string layerName =
            stringOr(lamina, "layer", objectType == "detection" ? kDetectionLayer : kDefaultLayer);
        const std::string kind = stringOr(lamina, "kind", "");

        const std::string geometryType = stringOr(g, "type", "");
        const auto coords = member(g, "coordinates");
        if (!coords)
            fail("geometry has no coordinates");
        std::vector<AnnotationGeometry> shapes;
        if (geometryType == "Point") {
            shapes.push_back({ShapeKind::Point, {position(*coords)}, {}});
        } else if (geometryType == "MultiPoint") {
            shapes.push_back({ShapeKind::MultiPoint, positions(*coords, false), {}});
        } else if (geometryType == "LineString") {
            auto line = positions(*coords, false);
            const ShapeKind k =
                line.size() == 2 && kind != "polyline" ? ShapeKind::Line : ShapeKind::Polyline;
            shapes.push_back({k, std::move(line), {}});
        } else if (geometryType == "Polygon") {
            shapes.push_back(polygon(rings(*coords)));
        } else if (geometryType == "MultiPolygon") {
            dom::array polygons;
            if (coords->get(polygons))
                fail("MultiPolygon coordinates must be an array of polygons");
            for (dom::element poly : polygons)
                shapes.push_back(polygon(rings(poly)));
        } else {
            fail("unsupported geometry type \"" + geometryType + "\"");
        }
        if (shapes.size() == 1 && shapes[0].kind == ShapeKind::Polygon) {
            const bool ellipse = boolOr(g, "isEllipse", false) || kind == "ellipse";
            if (ellipse || kind == "rectangle")
                shapes[0] = boxShape(ellipse ? ShapeKind::Ellipse : ShapeKind::Rectangle, shapes[0],
                                     lamina);
        }
        AnnotationLayer& layer = layerNamed(doc, layerName);
        for (size_t i = 0; i < shapes.size(); ++i) {
            Annotation copy = i + 1 < shapes.size() ? a : std::move(a);
            if (i > 0)
                copy.id = Annotation::newId(); // MultiPolygon parts become annotations
            copy.geometry = std::move(shapes[i]);
            if (!copy.geometry.isValid())
                fail("the " + geometryType + " has too few or invalid vertices");
            layer.annotations.push_back(std::move(copy));
        }
    }

    static void appendForeign(std::string& out, const dom::key_value_pair& field) {
        if (!out.empty())
            out += ',';
        appendEscaped(out, field.key);
        out += ':';
        out += simdjson::minify(field.value);
    }

    static AnnotationGeometry polygon(std::vector<std::vector<PointD>> rs) {
        AnnotationGeometry g{ShapeKind::Polygon, std::move(rs.front()), {}};
        g.holes.assign(std::make_move_iterator(rs.begin() + 1), std::make_move_iterator(rs.end()));
        return g;
    }

    // A rectangle or ellipse: its box from `lamina.box` when present (exact), else the ring's.
    AnnotationGeometry boxShape(ShapeKind k, const AnnotationGeometry& ring,
                                const dom::object& lamina) const {
        if (const auto box = member(lamina, "box")) {
            dom::array corners;
            if (box->get(corners) || corners.size() != 4)
                fail("\"lamina.box\" must be [x0, y0, x1, y1]");
            double v[4];
            size_t i = 0;
            for (dom::element c : corners)
                v[i++] = number(c, "a box coordinate");
            return {k, {{v[0], v[1]}, {v[2], v[3]}}, {}};
        }
        const auto b = ring.bounds();
        return {k, {{b.minX, b.minY}, {b.maxX, b.maxY}}, {}};
    }

    // An empty object for absent members, so lookups need no special case.
    static dom::object empty() {
        static dom::parser parser;
        static const dom::element element = parser.parse(std::string_view("{}")).value();
        return dom::object(element);
    }

    std::string source_;
    QuPathGeoJson::Limits limits_;
    int feature_ = -1;
    size_t vertices_ = 0;
    size_t lastLayer_ = size_t(-1);
    std::unordered_set<std::string> ids_;
};

// --- Writing: one feature per line, built directly into one string, several times faster
// than building a JSON DOM first.

class Writer {
public:
    explicit Writer(std::string& out) : out_(out) {}

    // std::to_chars: the shortest text that reads back to the same double, without locale.
    void number(double v) {
        char buffer[32];
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
        out_.append(buffer, end);
    }
    void string(std::string_view s) { appendEscaped(out_, s); }
    void raw(std::string_view s) { out_ += s; }
    void key(std::string_view k) {
        appendEscaped(out_, k);
        out_ += ':';
    }
    void position(const PointD& p) {
        out_ += '[';
        number(p.x);
        out_ += ',';
        number(p.y);
        out_ += ']';
    }
    void ring(const std::vector<PointD>& points, bool close) {
        out_ += '[';
        for (size_t i = 0; i < points.size(); ++i) {
            if (i)
                out_ += ',';
            position(points[i]);
        }
        if (close && !points.empty()) {
            out_ += ',';
            position(points.front());
        }
        out_ += ']';
    }
    void colour(uint32_t rgb) {
        out_ += '[';
        number((rgb >> 16) & 0xff);
        out_ += ',';
        number((rgb >> 8) & 0xff);
        out_ += ',';
        number(rgb & 0xff);
        out_ += ']';
    }

    void geometry(const AnnotationGeometry& g) {
        switch (g.kind) {
        case ShapeKind::Point:
            raw(R"({"type":"Point","coordinates":)");
            position(g.points.front());
            break;
        case ShapeKind::MultiPoint:
            raw(R"({"type":"MultiPoint","coordinates":)");
            ring(g.points, false);
            break;
        case ShapeKind::Line:
        case ShapeKind::Polyline:
            raw(R"({"type":"LineString","coordinates":)");
            ring(g.points, false);
            break;
        case ShapeKind::Rectangle:
        case ShapeKind::Ellipse:
        case ShapeKind::Polygon:
            raw(R"({"type":"Polygon","coordinates":[)");
            if (g.kind == ShapeKind::Polygon)
                ring(g.points, true);
            else
                ring(g.outline(), true);
            if (g.kind == ShapeKind::Polygon)
                for (const auto& hole : g.holes) {
                    out_ += ',';
                    ring(hole, true);
                }
            out_ += ']';
            if (g.kind == ShapeKind::Ellipse)
                raw(R"(,"isEllipse":true)"); // QuPath's marker
            break;
        }
        out_ += '}';
    }

    void feature(const AnnotationDocument& document, const AnnotationLayer& layer,
                 const Annotation& a) {
        raw(R"({"type":"Feature","id":)");
        string(a.id);
        raw(R"(,"geometry":)");
        geometry(a.geometry);
        raw(R"(,"properties":{"objectType":"annotation")");
        if (!a.name.empty()) {
            raw(",");
            key("name");
            string(a.name);
        }
        if (!a.className.empty()) {
            raw(R"(,"classification":{"name":)");
            string(a.className);
            if (const AnnotationClass* c = document.findClass(a.className)) {
                raw(R"(,"color":)");
                colour(c->rgb);
            }
            out_ += '}';
        }
        if (a.rgb) {
            raw(R"(,"color":)");
            colour(*a.rgb);
        }
        raw(a.locked ? R"(,"isLocked":true)" : R"(,"isLocked":false)");
        raw(R"(,"lamina":{"layer":)");
        string(layer.name);
        raw(R"(,"kind":)");
        string(shapeKindName(a.geometry.kind));
        if (!a.note.empty()) {
            raw(R"(,"note":)");
            string(a.note);
        }
        if (a.geometry.kind == ShapeKind::Rectangle || a.geometry.kind == ShapeKind::Ellipse) {
            raw(R"(,"box":[)");
            number(a.geometry.points[0].x);
            out_ += ',';
            number(a.geometry.points[0].y);
            out_ += ',';
            number(a.geometry.points[1].x);
            out_ += ',';
            number(a.geometry.points[1].y);
            out_ += ']';
        }
        out_ += '}';
        if (!a.foreign.properties.empty()) {
            out_ += ',';
            raw(a.foreign.properties);
        }
        out_ += '}';
        if (!a.foreign.feature.empty()) {
            out_ += ',';
            raw(a.foreign.feature);
        }
        out_ += '}';
    }

private:
    std::string& out_;
};

} // namespace

AnnotationDocument QuPathGeoJson::parse(const std::string& text, const std::string& source,
                                        const Limits& limits) {
    dom::parser parser;
    // Depth is bounded while parsing: deep nesting must not exhaust memory or the stack.
    if (parser.allocate(std::max<size_t>(text.size(), 64), size_t(limits.maxDepth)))
        throw Error(ErrorKind::Io, source, "not enough memory to read the annotation file");
    dom::element root;
    if (const auto error = parser.parse(text).get(root)) {
        if (error == simdjson::DEPTH_ERROR)
            throw Error(ErrorKind::Corrupt, source,
                        "nested deeper than " + std::to_string(limits.maxDepth) + " levels");
        throw Error(ErrorKind::Corrupt, source,
                    std::string("not valid JSON: ") + simdjson::error_message(error));
    }
    AnnotationDocument doc;
    doc.classes = AnnotationClass::defaults();
    Reader(source, limits).read(root, doc);
    return doc;
}

AnnotationDocument QuPathGeoJson::read(const std::filesystem::path& path) {
    return parse(readWholeFile(path), path.string());
}

std::string QuPathGeoJson::serialize(const AnnotationDocument& document) {
    std::string out;
    Writer w(out);
    size_t vertices = 0; // about 20 bytes each, plus about 250 per feature: one allocation
    for (const AnnotationLayer& layer : document.layers)
        for (const Annotation& a : layer.annotations)
            vertices += a.geometry.points.size() + 1;
    out.reserve(vertices * 20 + document.annotationCount() * 256);
    out += R"({"type": "FeatureCollection", "features": [)";
    bool first = true;
    for (const AnnotationLayer& layer : document.layers)
        for (const Annotation& a : layer.annotations) {
            out += first ? "\n  " : ",\n  ";
            first = false;
            w.feature(document, layer, a);
        }
    out += "\n],\n\"lamina\": {\"layers\":[";
    for (size_t i = 0; i < document.layers.size(); ++i) {
        const AnnotationLayer& l = document.layers[i];
        out += i ? ",{" : "{";
        w.key("id");
        w.string(l.id);
        w.raw(",");
        w.key("name");
        w.string(l.name);
        w.raw(l.visible ? R"(,"visible":true)" : R"(,"visible":false)");
        w.raw(l.locked ? R"(,"locked":true)" : R"(,"locked":false)");
        w.raw(R"(,"opacity":)");
        w.number(l.opacity);
        out += '}';
    }
    out += R"(],"classes":[)";
    for (size_t i = 0; i < document.classes.size(); ++i) {
        out += i ? ",{" : "{";
        w.key("name");
        w.string(document.classes[i].name);
        w.raw(R"(,"color":)");
        w.colour(document.classes[i].rgb);
        out += '}';
    }
    out += "]}\n}\n";
    return out;
}

} // namespace lamina
