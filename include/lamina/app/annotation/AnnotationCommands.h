#pragma once
// Undo commands for annotations, one family in one file (as Tiled does), with central ids
// for QUndoCommand::id() so continuous drags can merge. Each command changes the document of
// its AnnotationSession and announces the change; the session then autosaves.
// Thread-safety: GUI thread only.

#include <lamina/annotation/AnnotationDocument.h>

#include <QUndoCommand>

namespace lamina {

class AnnotationSession;

enum class AnnotationCommandId { Add = 1, Remove, AddLayer };

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

} // namespace lamina
