#include "annotation/AnnotationCommands.h"

#include "annotation/AnnotationSession.h"

#include <lamina/render/ShapeKindLabel.h>

#include <QCoreApplication>

#include <algorithm>
#include <unordered_map>

namespace lamina {
namespace {

// Calls `apply(annotation, value)` for every annotation whose id `values` maps to a value, in
// one pass over the document: a selection of thousands must not search once per id.
template <typename T, typename Apply>
void forEachListed(AnnotationDocument& doc, const std::unordered_map<std::string, T>& values,
                   Apply apply) {
    for (AnnotationLayer& layer : doc.layers)
        for (Annotation& a : layer.annotations)
            if (const auto it = values.find(a.id); it != values.end())
                apply(a, it->second);
}

} // namespace

AddAnnotationCommand::AddAnnotationCommand(AnnotationSession& session, Annotation annotation,
                                           size_t layer)
    : session_(session), annotation_(std::move(annotation)), layer_(layer) {
    setText(QCoreApplication::translate("Annotations", "Add %1")
                .arg(shapeKindLabel(annotation_.geometry.kind)));
}

void AddAnnotationCommand::redo() {
    auto& layers = session_.mutableDocument().layers;
    if (layers.empty())
        layers.push_back({Annotation::newId(), "Annotations", true, false, 1.0, {}});
    layer_ = std::min(layer_, layers.size() - 1);
    layers[layer_].annotations.push_back(annotation_);
    session_.documentChanged();
}

void AddAnnotationCommand::undo() {
    if (const auto where = session_.document().find(annotation_.id)) {
        auto& list = session_.mutableDocument().layers[where->layer].annotations;
        list.erase(list.begin() + std::ptrdiff_t(where->index));
        session_.documentChanged();
    }
}

RemoveAnnotationCommand::RemoveAnnotationCommand(AnnotationSession& session,
                                                 AnnotationDocument::Location where)
    : session_(session), where_(where),
      removed_(session.document().layers[where.layer].annotations[where.index]) {
    setText(QCoreApplication::translate("Annotations", "Delete %1")
                .arg(shapeKindLabel(removed_.geometry.kind)));
}

void RemoveAnnotationCommand::redo() {
    auto& list = session_.mutableDocument().layers[where_.layer].annotations;
    list.erase(list.begin() + std::ptrdiff_t(where_.index));
    session_.documentChanged();
}

void RemoveAnnotationCommand::undo() {
    auto& list = session_.mutableDocument().layers[where_.layer].annotations;
    list.insert(list.begin() + std::ptrdiff_t(where_.index), removed_);
    session_.documentChanged();
}

RemoveAnnotationsCommand::RemoveAnnotationsCommand(AnnotationSession& session,
                                                   std::vector<std::string> ids)
    : session_(session) {
    const std::unordered_map<std::string, bool> wanted = [&] {
        std::unordered_map<std::string, bool> m;
        for (std::string& id : ids)
            m.emplace(std::move(id), true);
        return m;
    }();
    const auto& layers = session.document().layers;
    for (size_t l = 0; l < layers.size(); ++l)
        for (size_t i = 0; i < layers[l].annotations.size(); ++i)
            if (wanted.contains(layers[l].annotations[i].id))
                removed_.push_back({{l, i}, layers[l].annotations[i]});
    setText(QCoreApplication::translate("Annotations", "Delete %n annotation(s)", nullptr,
                                        int(removed_.size())));
}

void RemoveAnnotationsCommand::redo() {
    auto& layers = session_.mutableDocument().layers;
    size_t next = 0; // removed_ is in document order: one pass per layer
    for (size_t l = 0; l < layers.size(); ++l) {
        auto& list = layers[l].annotations;
        size_t index = 0;
        std::erase_if(list, [&](const Annotation&) {
            const bool gone = next < removed_.size() && removed_[next].first.layer == l &&
                              removed_[next].first.index == index;
            ++index;
            next += gone;
            return gone;
        });
    }
    session_.documentChanged();
}

void RemoveAnnotationsCommand::undo() {
    auto& layers = session_.mutableDocument().layers;
    for (size_t l = 0; l < layers.size(); ++l) {
        auto& list = layers[l].annotations;
        std::vector<Annotation> merged;
        merged.reserve(list.size() + removed_.size());
        auto back = removed_.begin();
        while (back != removed_.end() && back->first.layer < l)
            ++back;
        size_t kept = 0;
        for (size_t index = 0;
             kept < list.size() || (back != removed_.end() && back->first.layer == l); ++index) {
            if (back != removed_.end() && back->first.layer == l && back->first.index == index)
                merged.push_back((back++)->second);
            else
                merged.push_back(std::move(list[kept++]));
        }
        list = std::move(merged);
    }
    session_.documentChanged();
}

AddLayerCommand::AddLayerCommand(AnnotationSession& session, AnnotationLayer layer,
                                 std::vector<AnnotationClass> classes)
    : session_(session), layer_(std::move(layer)), classes_(std::move(classes)) {
    setText(QCoreApplication::translate("Annotations", "Import %1")
                .arg(QString::fromStdString(layer_.name)));
}

void AddLayerCommand::redo() {
    AnnotationDocument& doc = session_.mutableDocument();
    addedClasses_.clear();
    for (const AnnotationClass& c : classes_)
        if (!doc.findClass(c.name)) {
            doc.classes.push_back(c);
            addedClasses_.push_back(c.name);
        }
    doc.layers.push_back(layer_);
    session_.documentChanged();
}

void AddLayerCommand::undo() {
    AnnotationDocument& doc = session_.mutableDocument();
    std::erase_if(doc.layers, [&](const AnnotationLayer& l) { return l.id == layer_.id; });
    std::erase_if(doc.classes, [&](const AnnotationClass& c) {
        return std::find(addedClasses_.begin(), addedClasses_.end(), c.name) != addedClasses_.end();
    });
    session_.documentChanged();
}

RemoveLayerCommand::RemoveLayerCommand(AnnotationSession& session, size_t layer)
    : session_(session), index_(layer), removed_(session.document().layers.at(layer)) {
    setText(QCoreApplication::translate("Annotations", "Delete layer %1")
                .arg(QString::fromStdString(removed_.name)));
}

void RemoveLayerCommand::redo() {
    auto& layers = session_.mutableDocument().layers;
    layers.erase(layers.begin() + std::ptrdiff_t(index_));
    session_.documentChanged();
}

void RemoveLayerCommand::undo() {
    auto& layers = session_.mutableDocument().layers;
    layers.insert(layers.begin() + std::ptrdiff_t(index_), removed_);
    session_.documentChanged();
}

MoveLayerCommand::MoveLayerCommand(AnnotationSession& session, size_t from, size_t to)
    : session_(session), from_(from), to_(to) {
    setText(QCoreApplication::translate("Annotations", "Move layer %1")
                .arg(QString::fromStdString(session.document().layers.at(from).name)));
}

void MoveLayerCommand::move(size_t from, size_t to) {
    auto& layers = session_.mutableDocument().layers;
    AnnotationLayer layer = std::move(layers[from]);
    layers.erase(layers.begin() + std::ptrdiff_t(from));
    layers.insert(layers.begin() + std::ptrdiff_t(to), std::move(layer));
    session_.documentChanged();
}

void MoveLayerCommand::redo() {
    move(from_, to_);
}

void MoveLayerCommand::undo() {
    move(to_, from_);
}

ChangeGeometryCommand::ChangeGeometryCommand(AnnotationSession& session,
                                             std::vector<Change> changes, const QString& text,
                                             int dragSerial)
    : session_(session), after_(std::move(changes)), dragSerial_(dragSerial) {
    setText(text);
    std::unordered_map<std::string, const AnnotationGeometry*> changed;
    for (const auto& [id, geometry] : after_)
        changed.emplace(id, &geometry);
    forEachListed(session.mutableDocument(), changed,
                  [&](const Annotation& a, const AnnotationGeometry*) {
                      before_.emplace_back(a.id, a.geometry);
                  });
}

void ChangeGeometryCommand::apply(const std::vector<Change>& changes) {
    std::unordered_map<std::string, const AnnotationGeometry*> byId;
    for (const auto& [id, geometry] : changes)
        byId.emplace(id, &geometry);
    std::vector<AnnotationDocument::Location> changed;
    auto& layers = session_.mutableDocument().layers;
    for (size_t l = 0; l < layers.size(); ++l)
        for (size_t i = 0; i < layers[l].annotations.size(); ++i)
            if (const auto it = byId.find(layers[l].annotations[i].id); it != byId.end()) {
                layers[l].annotations[i].geometry = *it->second;
                changed.push_back({l, i});
            }
    session_.shapesChanged(changed); // positions unchanged: the index is updated in place
}

void ChangeGeometryCommand::redo() {
    apply(after_);
}

void ChangeGeometryCommand::undo() {
    apply(before_);
}

bool ChangeGeometryCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = dynamic_cast<const ChangeGeometryCommand*>(other);
    if (!next || dragSerial_ == 0 || next->dragSerial_ != dragSerial_ ||
        next->after_.size() != after_.size())
        return false;
    for (size_t i = 0; i < after_.size(); ++i)
        if (after_[i].first != next->after_[i].first)
            return false;
    after_ = next->after_; // keep the state before the drag, take the latest shapes
    // A drag that ended where it started (or was cancelled with Esc) leaves no undo step.
    setObsolete(std::all_of(after_.begin(), after_.end(), [&](const Change& change) {
        return std::any_of(before_.begin(), before_.end(),
                           [&](const Change& old) { return old == change; });
    }));
    return true;
}

template <typename T>
ChangeAnnotationValue<T>::ChangeAnnotationValue(AnnotationSession& session,
                                                std::vector<std::string> ids, T Annotation::*member,
                                                T value, const QString& text)
    : session_(session), member_(member), value_(std::move(value)) {
    setText(text);
    std::unordered_map<std::string, bool> listed;
    for (std::string& id : ids)
        listed.emplace(std::move(id), true);
    forEachListed(session.mutableDocument(), listed,
                  [&](const Annotation& a, bool) { before_.emplace(a.id, a.*member_); });
}

template <typename T>
void ChangeAnnotationValue<T>::redo() {
    forEachListed(session_.mutableDocument(), before_,
                  [&](Annotation& a, const T&) { a.*member_ = value_; });
    session_.documentChanged();
}

template <typename T>
void ChangeAnnotationValue<T>::undo() {
    forEachListed(session_.mutableDocument(), before_,
                  [&](Annotation& a, const T& old) { a.*member_ = old; });
    session_.documentChanged();
}

template class ChangeAnnotationValue<std::string>;
template class ChangeAnnotationValue<bool>;
template class ChangeAnnotationValue<std::optional<uint32_t>>;

namespace {

AnnotationLayer* layerWithId(AnnotationDocument& doc, const std::string& id) {
    for (AnnotationLayer& layer : doc.layers)
        if (layer.id == id)
            return &layer;
    return nullptr;
}

} // namespace

template <typename T>
ChangeLayerValue<T>::ChangeLayerValue(AnnotationSession& session, std::string layerId,
                                      T AnnotationLayer::*member, T value, const QString& text)
    : session_(session), layerId_(std::move(layerId)), member_(member), value_(std::move(value)) {
    setText(text);
    if (AnnotationLayer* layer = layerWithId(session.mutableDocument(), layerId_))
        before_ = layer->*member_;
}

template <typename T>
void ChangeLayerValue<T>::set(const T& value) {
    if (AnnotationLayer* layer = layerWithId(session_.mutableDocument(), layerId_)) {
        layer->*member_ = value;
        session_.documentChanged();
    }
}

template <typename T>
void ChangeLayerValue<T>::redo() {
    set(value_);
}

template <typename T>
void ChangeLayerValue<T>::undo() {
    set(before_);
}

template <typename T>
bool ChangeLayerValue<T>::mergeWith(const QUndoCommand* other) {
    const auto* next = dynamic_cast<const ChangeLayerValue<T>*>(other);
    if (!next || next->layerId_ != layerId_ || next->member_ != member_)
        return false;
    value_ = next->value_;
    return true;
}

template class ChangeLayerValue<std::string>;
template class ChangeLayerValue<bool>;
template class ChangeLayerValue<double>;

ReplaceClassesCommand::ReplaceClassesCommand(
    AnnotationSession& session, std::vector<AnnotationClass> classes,
    std::vector<std::pair<std::string, std::string>> renamed)
    : session_(session), after_(std::move(classes)), before_(session.document().classes) {
    setText(QCoreApplication::translate("Annotations", "Edit classes"));
    const auto kept = [&](const std::string& name) {
        return std::any_of(after_.begin(), after_.end(),
                           [&](const AnnotationClass& c) { return c.name == name; });
    };
    for (const AnnotationLayer& layer : session.document().layers)
        for (const Annotation& a : layer.annotations) {
            if (a.className.empty())
                continue;
            std::string next = a.className;
            for (const auto& [from, to] : renamed)
                if (from == a.className)
                    next = to;
            if (!kept(next))
                next.clear();
            if (next != a.className) {
                beforeNames_.emplace_back(a.id, a.className);
                afterNames_.emplace_back(a.id, next);
            }
        }
}

namespace {

void applyClasses(AnnotationSession& session, const std::vector<AnnotationClass>& classes,
                  const std::vector<std::pair<std::string, std::string>>& names) {
    AnnotationDocument& doc = session.mutableDocument();
    doc.classes = classes;
    const std::unordered_map<std::string, std::string> byId(names.begin(), names.end());
    forEachListed(doc, byId, [](Annotation& a, const std::string& name) { a.className = name; });
    session.documentChanged();
}

} // namespace

void ReplaceClassesCommand::redo() {
    applyClasses(session_, after_, afterNames_);
}

void ReplaceClassesCommand::undo() {
    applyClasses(session_, before_, beforeNames_);
}

} // namespace lamina
