#pragma once
// Edit the annotation classes of the current slide: rename (annotations follow), recolour,
// add, remove (their annotations become unclassified), and "Save as My Defaults" so new
// slides start with this list. Applying is one undo step (ReplaceClassesCommand).
// Thread-safety: GUI thread only.

#include <lamina/annotation/AnnotationClass.h>

#include <QDialog>

#include <string>
#include <utility>
#include <vector>

class QTableWidget;

namespace lamina {

class ClassEditorDialog : public QDialog {
    Q_OBJECT
public:
    explicit ClassEditorDialog(const std::vector<AnnotationClass>& initial,
                               QWidget* parent = nullptr);

    // The edited list; names are trimmed, empty and duplicate names dropped.
    std::vector<AnnotationClass> classes() const;
    // Old name -> new name for every class that was renamed.
    std::vector<std::pair<std::string, std::string>> renamed() const;

    QTableWidget* table() const { return table_; }
    void addClass(const QString& name, QColor colour);

private:
    void chooseColour(int row);
    void setColour(int row, QColor colour);

    QTableWidget* table_;
};

} // namespace lamina
