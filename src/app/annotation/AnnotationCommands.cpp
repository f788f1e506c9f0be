#include <lamina/app/annotation/AnnotationCommands.h>
#include <lamina/app/annotation/AnnotationSession.h>

#include <QCoreApplication>

#include <algorithm>

namespace lamina {

AddAnnotationCommand::AddAnnotationCommand(AnnotationSession& session, Annotation annotation,
                                           size_t layer)
    : session_(session), annotation_(std::move(annotation)), layer_(layer) {
    setText(QCoreApplication::translate("Annotations", "Add %1")
                .arg(QString::fromStdString(shapeKindName(annotation_.geometry.kind))));
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
                .arg(QString::fromStdString(shapeKindName(removed_.geometry.kind))));
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

} // namespace lamina
