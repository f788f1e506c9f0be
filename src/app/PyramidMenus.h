#pragma once
// View › Focal Plane and View › Optical Path for a slide holding several pyramids (DICOM
// z-stacks and channels, SlideSource::pyramids): one checkable entry per plane of the path
// shown and per path, disabled when there is only one; Page Up / Page Down step through the
// planes. Switching swaps the pyramid in place (SlideView::setSlide keeps camera and
// annotations) and emits pyramidShown so the window refreshes what depends on it.
// Thread-safety: GUI thread only.

#include <QObject>

#include <cstddef>

class QMenu;

namespace lamina {

class Error;
class SlideView;

class PyramidMenus : public QObject {
    Q_OBJECT
public:
    // Adds the two submenus to `viewMenu`.
    PyramidMenus(QMenu& viewMenu, QObject* parent);

    // Rebuilds the menus for `view` (nullptr: none).
    void setCurrentView(SlideView* view);
    // Shows pyramid `index` of the current slide; false when there is no such pyramid.
    bool showPyramid(size_t index);
    // The next focal plane up (+1) or down (-1) of the optical path shown.
    bool stepFocalPlane(int direction);

signals:
    void pyramidShown(lamina::SlideView* view, const QString& label);
    void pyramidFailed(const QString& location, const lamina::Error& error);

private:
    void rebuild();

    QMenu* focalPlaneMenu_;
    QMenu* opticalPathMenu_;
    SlideView* view_ = nullptr;
};

} // namespace lamina
