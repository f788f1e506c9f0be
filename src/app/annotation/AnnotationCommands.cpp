#include <lamina/app/annotation/AnnotationCommands.h>
#include <lamina/app/annotation/AnnotationSession.h>

#include <QCoreApplication>

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

} // namespace lamina
