#pragma once
// The main window's status bar: the cursor's position on the slide (µm and level-0 pixels)
// with the value of the topmost visible analysis overlay under it, the level drawn last (and
// the focal plane / optical path of a z-stack), and the tile cache's use. Transient messages
// (showMessage) cover the position while they last.
// Thread-safety: GUI thread only.

#include <QPointF>
#include <QStatusBar>

#include <optional>

class QLabel;

namespace lamina {

class SlideView;
class TileCache;

class ViewStatusBar : public QStatusBar {
    Q_OBJECT
public:
    ViewStatusBar(TileCache& cache, QWidget* parent);

    // `cursor`: level-0 pixels of the slide under the mouse, if it is over the view.
    void showView(const SlideView* view, std::optional<QPointF> cursor);

private:
    TileCache& cache_;
    QLabel* position_;
    QLabel* level_;
    QLabel* cacheUse_;
};

} // namespace lamina
