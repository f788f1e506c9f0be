#pragma once
// Chooses an export's resolution the three ways a pathologist thinks of it: a magnification
// (40× = 0.25 µm/px), a number of µm per pixel, or an output width in pixels. Ways the slide
// cannot support (no MPP, no objective power) are disabled. Shared by the snapshot, region
// export and report dialogs.
// Thread-safety: GUI thread only.

#include <lamina/slide/SlideSource.h>

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;

namespace lamina {

class ResolutionEditor : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Magnification = 0, MicronsPerPixel = 1, OutputWidth = 2 };

    // Starts at `downsample` (level-0 pixels per output pixel), as a magnification when the
    // slide has one, else as an output width.
    ResolutionEditor(const SlideMetadata& slide, double downsample, QWidget* parent = nullptr);

    // The width (level-0 pixels) of the region exported: an output width is relative to it.
    void setRegionWidth(double regionWidth);
    // Level-0 pixels per output pixel.
    double downsample() const;

    Mode mode() const;
    void setMode(Mode mode);
    double value() const;
    void setValue(double value);

signals:
    void changed();

private:
    void modeChanged();

    SlideMetadata slide_;
    QComboBox* modeBox_;
    QDoubleSpinBox* valueBox_;
    double lastDownsample_; // kept across mode changes
    double regionWidth_;
};

} // namespace lamina
