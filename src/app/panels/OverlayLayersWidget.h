#pragma once
// The analysis overlays part of the Layers dock: the current slide's plugin results, topmost
// first, each with a visibility check box, its title and its state (running 3/12, done,
// failed — the reason in the tooltip); for the current one: opacity, colour map, fading of
// low values, a legend
// (colour bar with the values at its ends, or the label colours), the measurements, and
// buttons to turn its detections into an editable annotation layer (one undo step) and to
// remove it (with its saved files, after asking).
// Thread-safety: GUI thread only.

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QToolButton;
class QTreeWidget;

namespace lamina {

class AnnotationSession;
class OverlayStack;

class OverlayLayersWidget : public QWidget {
    Q_OBJECT
public:
    enum Column { Visible, Name, State, ColumnCount };

    explicit OverlayLayersWidget(QWidget* parent = nullptr);
    void setSession(AnnotationSession* session); // nullptr: no slide

    QTreeWidget* tree() const { return tree_; }
    QSlider* opacity() const { return opacity_; }
    QComboBox* colourMap() const { return colourMap_; }
    QComboBox* outlineColour() const { return outline_; }
    QCheckBox* fadeLowValues() const { return fade_; }
    QLabel* legend() const { return legend_; }
    QLabel* measurements() const { return measurements_; }
    QToolButton* toAnnotationsButton() const { return toAnnotations_; }
    // Stack index of a row (rows are shown topmost first); SIZE_MAX when none.
    size_t overlayOfRow(int row) const;
    size_t currentOverlay() const;

    // The current overlay's detections as a new annotation layer; returns how many.
    size_t convertCurrentToAnnotations();
    // Removes the current overlay; asks first unless `confirm` is false.
    void removeCurrent(bool confirm = true);

private:
    void refresh();
    void refreshDetails();
    OverlayStack* stack() const;

    QPointer<AnnotationSession> session_;
    QTreeWidget* tree_;
    QSlider* opacity_;
    QComboBox* colourMap_;
    QComboBox* outline_; // the detections' outline colour
    QCheckBox* fade_;
    QLabel* legend_;
    QLabel* measurements_;
    QToolButton* toAnnotations_;
    QToolButton* remove_;
    bool refreshing_ = false;
};

} // namespace lamina
