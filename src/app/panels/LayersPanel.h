#pragma once
// Layers dock: the annotation layers of the current slide, topmost first, each with a
// visibility check box, a lock check box, its name (double-click or F2 to rename) and its
// annotation count; an opacity slider for the current layer; buttons to add, remove, raise
// and lower layers. Under them, the slide's analysis overlays (OverlayLayersWidget). The current
// row is the layer new annotations go to. Every change is an undo step (an opacity drag is one).
// Thread-safety: GUI thread only.

#include <QPointer>
#include <QWidget>

class QSlider;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace lamina {

class AnnotationSession;
class OverlayLayersWidget;

class LayersPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { Visible, Locked, Name, Count, ColumnCount };

    explicit LayersPanel(QWidget* parent = nullptr);
    void setSession(AnnotationSession* session); // nullptr: no slide

    QTreeWidget* tree() const { return tree_; }
    QSlider* opacity() const { return opacity_; }
    // The analysis overlays (plugin results) of the same slide, under the annotation layers.
    OverlayLayersWidget* overlays() const { return overlays_; }
    // Document index of a row (rows are shown topmost first).
    size_t layerOfRow(int row) const;

    void addLayer();
    void removeCurrentLayer();
    void moveCurrentLayer(int towardsTop); // +1 raises (drawn later), -1 lowers

private:
    void refresh();
    void itemChanged(QTreeWidgetItem* item, int column);
    void currentRowChanged();

    QPointer<AnnotationSession> session_;
    QTreeWidget* tree_;
    QSlider* opacity_;
    QToolButton* add_;
    QToolButton* remove_;
    QToolButton* raise_;
    QToolButton* lower_;
    OverlayLayersWidget* overlays_;
    bool refreshing_ = false;
};

} // namespace lamina
