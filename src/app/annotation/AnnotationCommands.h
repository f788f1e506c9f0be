#pragma once
// Undo commands for annotations, one family in one file (as Tiled does), with central ids
// for QUndoCommand::id() so continuous drags can merge. Each command changes the document of
// its AnnotationSession and announces the change; the session then autosaves.
// Thread-safety: GUI thread only.

#include <lamina/annotation/AnnotationDocument.h>

#include <QString>
#include <QUndoCommand>

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lamina {

class AnnotationSession;

enum class AnnotationCommandId {
    Add = 1,
    Remove,
    RemoveMany,
    AddLayer,
    RemoveLayer,
    MoveLayer,
    ChangeGeometry,
    ChangeAnnotationValue,
    ChangeLayerValue,
    ReplaceClasses,
};

class AddAnnotationCommand : public QUndoCommand {
public:
    AddAnnotationCommand(AnnotationSession& session, Annotation annotation, size_t layer);
    void redo() override;
    void undo() override;
    int id() const override { return int(AnnotationCommandId::Add); }

private:
    AnnotationSession& session_;
    Annotation annotation_;
    size_t layer_;
};

class RemoveAnnotationCommand : public QUndoCommand {
public:
    RemoveAnnotationCommand(AnnotationSession& session, AnnotationDocument::Location where);
    void redo() override;
    void undo() override;
    int id() const override { return int(AnnotationCommandId::Remove); }

private:
    AnnotationSession& session_;
    AnnotationDocument::Location where_;
    Annotation removed_;
};

// Removes several annotations in one pass (a rubber-band selection of thousands), and puts
// each back at its place on undo.
class RemoveAnnotationsCommand : public QUndoCommand {
public:
    RemoveAnnotationsCommand(AnnotationSession& session, std::vector<std::string> ids);
    void redo() override;
    void undo() override;
    int id() const override { return int(AnnotationCommandId::RemoveMany); }

private:
    AnnotationSession& session_;
    // Where each removed annotation was, in ascending document order.
    std::vector<std::pair<AnnotationDocument::Location, Annotation>> removed_;
};

// Adds a whole layer (an imported file), with the classes it brings that the document lacks.
class AddLayerCommand : public QUndoCommand {
public:
    AddLayerCommand(AnnotationSession& session, AnnotationLayer layer,
                    std::vector<AnnotationClass> classes);
    void redo() override;
    void undo() override;
    int id() const override { return int(AnnotationCommandId::AddLayer); }

private:
    AnnotationSession& session_;
    AnnotationLayer layer_;
    std::vector<AnnotationClass> classes_;
    std::vector<std::string> addedClasses_; // by the last redo, removed again by undo
};

// Removes one whole layer and its annotations.
class RemoveLayerCommand : public QUndoCommand {
public:
    RemoveLayerCommand(AnnotationSession& session, size_t layer);
    void redo() override;
    void undo() override;
    int id() const override { return int(AnnotationCommandId::RemoveLayer); }

private:
    AnnotationSession& session_;
    size_t index_;
    AnnotationLayer removed_;
};

// Moves a layer from one position in the drawing order to another.
class MoveLayerCommand : public QUndoCommand {
public:
    MoveLayerCommand(AnnotationSession& session, size_t from, size_t to);
    void redo() override;
    void undo() override;
    int id() const override { return int(AnnotationCommandId::MoveLayer); }

private:
    void move(size_t from, size_t to);
    AnnotationSession& session_;
    size_t from_, to_;
};

// New shapes for some annotations (move, vertex edit, brush). Commands pushed during one
// mouse drag share a `dragSerial` and merge into one undo step; 0 never merges.
class ChangeGeometryCommand : public QUndoCommand {
public:
    using Change = std::pair<std::string, AnnotationGeometry>; // annotation id, new shape
    ChangeGeometryCommand(AnnotationSession& session, std::vector<Change> changes,
                          const QString& text, int dragSerial = 0);
    void redo() override;
    void undo() override;
    int id() const override { return int(AnnotationCommandId::ChangeGeometry); }
    bool mergeWith(const QUndoCommand* other) override;

private:
    void apply(const std::vector<Change>& changes);
    AnnotationSession& session_;
    std::vector<Change> after_, before_;
    int dragSerial_;
};

// Sets one member (name, class, colour, note, lock) of several annotations: one template
// instead of a command per property, as Tiled's ChangeValue<>.
template <typename T>
class ChangeAnnotationValue : public QUndoCommand {
public:
    ChangeAnnotationValue(AnnotationSession& session, std::vector<std::string> ids,
                          T Annotation::*member, T value, const QString& text);
    void redo() override;
    void undo() override;
    int id() const override { return int(AnnotationCommandId::ChangeAnnotationValue); }

private:
    AnnotationSession& session_;
    T Annotation::*member_;
    T value_;
    std::unordered_map<std::string, T> before_; // annotation id -> value before
};
extern template class ChangeAnnotationValue<std::string>;
extern template class ChangeAnnotationValue<bool>;
extern template class ChangeAnnotationValue<std::optional<uint32_t>>;

// Sets one member (name, visibility, lock, opacity) of a layer. Consecutive changes of the
// same member of the same layer merge (an opacity slider drag is one undo step).
template <typename T>
class ChangeLayerValue : public QUndoCommand {
public:
    ChangeLayerValue(AnnotationSession& session, std::string layerId, T AnnotationLayer::*member,
                     T value, const QString& text);
    void redo() override;
    void undo() override;
    int id() const override { return int(AnnotationCommandId::ChangeLayerValue); }
    bool mergeWith(const QUndoCommand* other) override;

private:
    void set(const T& value);
    AnnotationSession& session_;
    std::string layerId_;
    T AnnotationLayer::*member_;
    T value_, before_;
};
extern template class ChangeLayerValue<std::string>;
extern template class ChangeLayerValue<bool>;
extern template class ChangeLayerValue<double>;

// Replaces the document's class list (the class editor). `renamed` maps old class names to
// new ones; annotations of a renamed class follow it, those of a removed class become
// unclassified.
class ReplaceClassesCommand : public QUndoCommand {
public:
    ReplaceClassesCommand(AnnotationSession& session, std::vector<AnnotationClass> classes,
                          std::vector<std::pair<std::string, std::string>> renamed);
    void redo() override;
    void undo() override;
    int id() const override { return int(AnnotationCommandId::ReplaceClasses); }

private:
    AnnotationSession& session_;
    std::vector<AnnotationClass> after_, before_;
    std::vector<std::pair<std::string, std::string>> afterNames_, beforeNames_; // id, class
};

} // namespace lamina
