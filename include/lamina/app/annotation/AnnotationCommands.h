#pragma once
// Undo commands for annotations, one family in one file (as Tiled does), with central ids
// for QUndoCommand::id() so continuous drags can merge. Each command changes the document of
// its AnnotationSession and announces the change; the session then autosaves.
// Thread-safety: GUI thread only.

#include <lamina/annotation/AnnotationDocument.h>

#include <QUndoCommand>

namespace lamina {

class AnnotationSession;

enum class AnnotationCommandId { Add = 1, Remove };

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

} // namespace lamina
