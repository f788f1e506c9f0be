#pragma once
// Annotation list dock: every annotation of the current slide in a sortable table with its
// measurements, filtered by text, class and layer. The table selection and the view's
// selection follow each other. Double-click zooms the view to the annotation; F2 renames;
// the context menu reclassifies, recolours, locks, deletes. Every change is undoable.
// Thread-safety: GUI thread only.

#include <lamina/annotation/Measurements.h>

#include <QPointer>
#include <QRectF>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace lamina {

class AnnotationSession;
class AnnotationTableModel;

class AnnotationListPanel : public QWidget {
    Q_OBJECT
public:
    explicit AnnotationListPanel(QWidget* parent = nullptr);
    void setSession(AnnotationSession* session, Scale scale); // nullptr: no slide

    QTableView* table() const { return table_; }
    AnnotationTableModel* model() const { return model_; }
    void setFilterText(const QString& text);

signals:
    // Level-0 rectangle of a double-clicked annotation.
    void zoomToRequested(QRectF slideRect);

private:
    void refreshFilterChoices();
    void applyFilter();
    void tableSelectionChanged();
    void sessionSelectionChanged();
    void showContextMenu(const QPoint& position);
    std::vector<std::string> selectedIds() const;
    void zoomTo(const QModelIndex& index);

    QPointer<AnnotationSession> session_;
    AnnotationTableModel* model_;
    QSortFilterProxyModel* sorted_;
    QLineEdit* filter_;
    QComboBox* classFilter_;
    QComboBox* layerFilter_;
    QTableView* table_;
    bool syncing_ = false; // true while one selection updates the other
};

} // namespace lamina
