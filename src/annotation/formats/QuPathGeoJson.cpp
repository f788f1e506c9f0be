#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace lamina {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr const char* kDefaultLayer = "Annotations";
constexpr const char* kDetectionLayer = "Detections";

// Walks the parsed features with the file name and feature number at hand for errors.
class Reader {
public:
    Reader(std::string source, const QuPathGeoJson::Limits& limits)
        : source_(std::move(source)), limits_(limits) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw Error(ErrorKind::Corrupt, source_,
                    (feature_ >= 0 ? "feature " + std::to_string(feature_) + ": " : "") + what);
    }

    void read(const json& root, AnnotationDocument& doc) {
        std::vector<const json*> features;
        if (root.is_array()) {
            for (const json& f : root)
                features.push_back(&f);
        } else if (root.is_object()) {
            const std::string type = stringOr(root, "type", "");
            if (type == "FeatureCollection") {
                const auto it = root.find("features");
                if (it == root.end() || !it->is_array())
                    fail("a FeatureCollection needs a \"features\" array");
                for (const json& f : *it)
                    features.push_back(&f);
            } else if (type == "Feature") {
                features.push_back(&root);
            } else {
                fail("expected a FeatureCollection, a Feature or an array of Features, found "
                     "type \"" +
                     type + "\"");
            }
            readLaminaMembers(root, doc);
        } else {
            fail("expected a FeatureCollection, a Feature or an array of Features");
        }
        for (size_t i = 0; i < features.size(); ++i) {
            feature_ = int(i);
            readFeature(*features[i], doc);
        }
        feature_ = -1;
        if (doc.layers.empty())
            doc.layers.push_back({Annotation::newId(), kDefaultLayer, true, false, 1.0, {}});
    }

private:
    std::string stringOr(const json& o, const char* key, const std::string& fallback) const {
        const auto it = o.find(key);
        if (it == o.end() || it->is_null())
            return fallback;
        if (!it->is_string())
            fail(std::string("\"") + key + "\" must be a string");
        return it->get<std::string>();
    }
    bool boolOr(const json& o, const char* key, bool fallback) const {
        const auto it = o.find(key);
        if (it == o.end() || it->is_null())
            return fallback;
        if (!it->is_boolean())
            fail(std::string("\"") + key + "\" must be true or false");
        return it->get<bool>();
    }
    double number(const json& v, const char* what) const {
        if (!v.is_number())
            fail(std::string(what) + " must be a number");
        const double d = v.get<double>();
        if (!std::isfinite(d))
            fail(std::string(what) + " is not a finite number");
        return d;
    }
    // QuPath colours: [r, g, b] (0-255), or one packed (A)RGB integer in older files.
    std::optional<uint32_t> colour(const json& o, const char* key) const {
        const auto it = o.find(key);
        if (it == o.end() || it->is_null())
            return std::nullopt;
        if (it->is_array() && it->size() >= 3) {
            uint32_t rgb = 0;
            for (size_t c = 0; c < 3; ++c) {
                const double v = number((*it)[c], "a colour component");
                if (v < 0 || v > 255)
                    fail("colour components must be between 0 and 255");
                rgb = rgb << 8 | uint32_t(v);
            }
            return rgb;
        }
        if (it->is_number_integer())
            return uint32_t(it->get<int64_t>()) & 0xffffffu;
        fail(std::string("\"") + key + "\" must be [r, g, b]");
    }

    PointD position(const json& v) {
        if (!v.is_array() || v.size() < 2)
            fail("a position must be an array of at least two numbers");
        if (++vertices_ > limits_.maxFileVertices)
            fail("more than " + std::to_string(limits_.maxFileVertices) + " vertices in the file");
        return {number(v[0], "a coordinate"), number(v[1], "a coordinate")};
    }
    std::vector<PointD> positions(const json& v, bool ring) {
        if (!v.is_array())
            fail("coordinates must be an array of positions");
        if (v.size() > limits_.maxRingVertices)
            fail("a ring or line has " + std::to_string(v.size()) + " vertices (more than " +
                 std::to_string(limits_.maxRingVertices) + ")");
        std::vector<PointD> out;
        out.reserve(v.size());
        for (const json& p : v)
            out.push_back(position(p));
        if (ring && out.size() > 1 && out.front() == out.back())
            out.pop_back(); // GeoJSON repeats the first vertex; Lamina does not
        if (ring && out.size() < 3)
            fail("a polygon ring needs at least three distinct vertices");
        return out;
    }
    std::vector<std::vector<PointD>> rings(const json& v) {
        if (!v.is_array() || v.empty())
            fail("polygon coordinates must be a non-empty array of rings");
        std::vector<std::vector<PointD>> out;
        for (const json& r : v)
            out.push_back(positions(r, true));
        return out;
    }

    AnnotationLayer& layerNamed(AnnotationDocument& doc, const std::string& name) {
        for (auto& l : doc.layers)
            if (l.name == name)
                return l;
        doc.layers.push_back({Annotation::newId(), name, true, false, 1.0, {}});
        return doc.layers.back();
    }

    void readLaminaMembers(const json& root, AnnotationDocument& doc) {
        const auto it = root.find("lamina");
        if (it == root.end() || !it->is_object())
            return;
        if (const auto layers = it->find("layers"); layers != it->end() && layers->is_array())
            for (const json& l : *layers) {
                if (!l.is_object())
                    fail("lamina.layers entries must be objects");
                AnnotationLayer layer;
                layer.id = stringOr(l, "id", Annotation::newId());
                layer.name = stringOr(l, "name", kDefaultLayer);
                layer.visible = boolOr(l, "visible", true);
                layer.locked = boolOr(l, "locked", false);
                if (const auto o = l.find("opacity"); o != l.end())
                    layer.opacity = std::clamp(number(*o, "a layer opacity"), 0.0, 1.0);
                doc.layers.push_back(std::move(layer));
            }
        if (const auto classes = it->find("classes"); classes != it->end() && classes->is_array()) {
            doc.classes.clear(); // the file's own list, colours and order included
            for (const json& c : *classes) {
                if (!c.is_object())
                    fail("lamina.classes entries must be objects");
                doc.ensureClass(stringOr(c, "name", ""), colour(c, "color"));
            }
        }
    }

    void readFeature(const json& f, AnnotationDocument& doc) {
        if (!f.is_object())
            fail("a feature must be an object");
        const std::string type = stringOr(f, "type", "Feature");
        if (type != "Feature")
            fail("expected type \"Feature\", found \"" + type + "\"");
        const auto g = f.find("geometry");
        if (g == f.end() || !g->is_object())
            fail("no geometry object");
        static const json empty = json::object();
        const auto p = f.find("properties");
        if (p != f.end() && !p->is_null() && !p->is_object())
            fail("\"properties\" must be an object");
        const json& props = (p == f.end() || p->is_null()) ? empty : *p;
        const auto l = props.find("lamina");
        if (l != props.end() && !l->is_object())
            fail("\"properties.lamina\" must be an object");
        const json& lamina = l == props.end() ? empty : *l;

        Annotation a;
        a.id = stringOr(f, "id", "");
        if (a.id.empty() || !ids_.insert(a.id).second)
            a.id = Annotation::newId();
        a.name = stringOr(props, "name", "");
        a.locked = boolOr(props, "isLocked", false);
        a.rgb = colour(props, "color");
        a.note = stringOr(lamina, "note", "");
        if (const auto c = props.find("classification"); c != props.end() && !c->is_null()) {
            if (!c->is_object())
                fail("\"classification\" must be an object");
            a.className = stringOr(*c, "name", "");
            if (const auto names = c->find("names"); a.className.empty() && names != c->end()) {
                if (!names->is_array())
                    fail("\"classification.names\" must be an array of strings");
                for (const json& n : *names) {
                    if (!n.is_string())
                        fail("\"classification.names\" must be an array of strings");
                    a.className += (a.className.empty() ? "" : ": ") + n.get<std::string>();
                }
            }
            doc.ensureClass(a.className, colour(*c, "color"));
        }
        // Measurements are recomputed from the shape; only their form is checked.
        if (const auto m = props.find("measurements");
            m != props.end() && !m->is_null() && !m->is_object() && !m->is_array())
            fail("\"measurements\" must be an object or an array");
        std::string objectType = stringOr(props, "objectType", "");
        if (objectType.empty())
            objectType = stringOr(props, "object_type", "annotation");
        const std::string layerName =
            stringOr(lamina, "layer", objectType == "detection" ? kDetectionLayer : kDefaultLayer);
        const std::string kind = stringOr(lamina, "kind", "");

        const std::string geometryType = stringOr(*g, "type", "");
        const auto coords = g->find("coordinates");
        if (coords == g->end())
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
            if (!coords->is_array())
                fail("MultiPolygon coordinates must be an array of polygons");
            for (const json& poly : *coords)
                shapes.push_back(polygon(rings(poly)));
        } else {
            fail("unsupported geometry type \"" + geometryType + "\"");
        }
        if (shapes.size() == 1 && shapes[0].kind == ShapeKind::Polygon) {
            const bool ellipse = boolOr(*g, "isEllipse", false) || kind == "ellipse";
            if (ellipse || kind == "rectangle")
                shapes[0] = boxShape(ellipse ? ShapeKind::Ellipse : ShapeKind::Rectangle, shapes[0],
                                     lamina);
        }
        AnnotationLayer& layer = layerNamed(doc, layerName);
        for (size_t i = 0; i < shapes.size(); ++i) {
            Annotation copy = a;
            if (i > 0)
                copy.id = Annotation::newId(); // MultiPolygon parts become annotations
            copy.geometry = std::move(shapes[i]);
            if (!copy.geometry.isValid())
                fail("the " + geometryType + " has too few or invalid vertices");
            layer.annotations.push_back(std::move(copy));
        }
    }

    AnnotationGeometry polygon(std::vector<std::vector<PointD>> rs) {
        AnnotationGeometry g{ShapeKind::Polygon, std::move(rs.front()), {}};
        g.holes.assign(std::make_move_iterator(rs.begin() + 1), std::make_move_iterator(rs.end()));
        return g;
    }

    // A rectangle or ellipse: its box from `lamina.box` when present (exact), else the ring's.
    AnnotationGeometry boxShape(ShapeKind k, const AnnotationGeometry& ring, const json& lamina) {
        if (const auto box = lamina.find("box"); box != lamina.end()) {
            if (!box->is_array() || box->size() != 4)
                fail("\"lamina.box\" must be [x0, y0, x1, y1]");
            return {
                k,
                {{number((*box)[0], "a box coordinate"), number((*box)[1], "a box coordinate")},
                 {number((*box)[2], "a box coordinate"), number((*box)[3], "a box coordinate")}},
                {}};
        }
        const auto b = ring.bounds();
        return {k, {{b.minX, b.minY}, {b.maxX, b.maxY}}, {}};
    }

    std::string source_;
    QuPathGeoJson::Limits limits_;
    int feature_ = -1;
    size_t vertices_ = 0;
    std::set<std::string> ids_;
};

ojson positionJson(const PointD& p) {
    return ojson::array({p.x, p.y});
}

ojson ringJson(const std::vector<PointD>& ring, bool close) {
    ojson out = ojson::array();
    for (const PointD& p : ring)
        out.push_back(positionJson(p));
    if (close && !ring.empty())
        out.push_back(positionJson(ring.front()));
    return out;
}

ojson colourJson(uint32_t rgb) {
    return ojson::array({(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff});
}

ojson geometryJson(const AnnotationGeometry& g) {
    ojson out;
    switch (g.kind) {
    case ShapeKind::Point:
        out["type"] = "Point";
        out["coordinates"] = positionJson(g.points.front());
        break;
    case ShapeKind::MultiPoint:
        out["type"] = "MultiPoint";
        out["coordinates"] = ringJson(g.points, false);
        break;
    case ShapeKind::Line:
    case ShapeKind::Polyline:
        out["type"] = "LineString";
        out["coordinates"] = ringJson(g.points, false);
        break;
    case ShapeKind::Rectangle:
    case ShapeKind::Ellipse:
    case ShapeKind::Polygon: {
        out["type"] = "Polygon";
        ojson rs = ojson::array({ringJson(g.outline(), true)});
        if (g.kind == ShapeKind::Polygon)
            for (const auto& hole : g.holes)
                rs.push_back(ringJson(hole, true));
        out["coordinates"] = std::move(rs);
        if (g.kind == ShapeKind::Ellipse)
            out["isEllipse"] = true; // QuPath's marker
        break;
    }
    }
    return out;
}

} // namespace

AnnotationDocument QuPathGeoJson::parse(const std::string& text, const std::string& source,
                                        const Limits& limits) {
    json root;
    try {
        // Depth is checked while parsing: deep nesting must not exhaust the stack.
        root = json::parse(text, [&](int depth, json::parse_event_t, json&) {
            if (depth > limits.maxDepth)
                throw Error(ErrorKind::Corrupt, source,
                            "nested deeper than " + std::to_string(limits.maxDepth) + " levels");
            return true;
        });
    } catch (const json::exception& e) {
        throw Error(ErrorKind::Corrupt, source, std::string("not valid JSON: ") + e.what());
    }
    AnnotationDocument doc;
    doc.classes = AnnotationClass::defaults();
    Reader(source, limits).read(root, doc);
    return doc;
}

AnnotationDocument QuPathGeoJson::read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorKind::NotFound, path.string(), "cannot open the annotation file");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw Error(ErrorKind::Io, path.string(), "reading the annotation file failed");
    return parse(text.str(), path.string());
}

std::string QuPathGeoJson::serialize(const AnnotationDocument& document) {
    std::vector<ojson> features;
    for (const AnnotationLayer& layer : document.layers)
        for (const Annotation& a : layer.annotations) {
            ojson f;
            f["type"] = "Feature";
            f["id"] = a.id;
            f["geometry"] = geometryJson(a.geometry);
            ojson props;
            props["objectType"] = "annotation";
            if (!a.name.empty())
                props["name"] = a.name;
            if (!a.className.empty()) {
                ojson c;
                c["name"] = a.className;
                if (const AnnotationClass* cls = document.findClass(a.className))
                    c["color"] = colourJson(cls->rgb);
                props["classification"] = std::move(c);
            }
            if (a.rgb)
                props["color"] = colourJson(*a.rgb);
            props["isLocked"] = a.locked;
            ojson lamina;
            lamina["layer"] = layer.name;
            lamina["kind"] = shapeKindName(a.geometry.kind);
            if (!a.note.empty())
                lamina["note"] = a.note;
            if (a.geometry.kind == ShapeKind::Rectangle || a.geometry.kind == ShapeKind::Ellipse)
                lamina["box"] = ojson::array({a.geometry.points[0].x, a.geometry.points[0].y,
                                              a.geometry.points[1].x, a.geometry.points[1].y});
            props["lamina"] = std::move(lamina);
            f["properties"] = std::move(props);
            features.push_back(std::move(f));
        }
    ojson layers = ojson::array();
    for (const AnnotationLayer& l : document.layers)
        layers.push_back({{"id", l.id},
                          {"name", l.name},
                          {"visible", l.visible},
                          {"locked", l.locked},
                          {"opacity", l.opacity}});
    ojson classes = ojson::array();
    for (const AnnotationClass& c : document.classes)
        classes.push_back({{"name", c.name}, {"color", colourJson(c.rgb)}});
    // One feature per line: compact for large files, yet readable and diff-friendly.
    std::string out = "{\"type\": \"FeatureCollection\", \"features\": [";
    for (size_t i = 0; i < features.size(); ++i)
        out += (i ? ",\n  " : "\n  ") + features[i].dump();
    out += "\n],\n\"lamina\": " +
           ojson({{"layers", std::move(layers)}, {"classes", std::move(classes)}}).dump() + "\n}\n";
    return out;
}

} // namespace lamina
