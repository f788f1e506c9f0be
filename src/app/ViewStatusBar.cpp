#include "ViewStatusBar.h"

#include "SlideView.h"
#include "annotation/AnnotationSession.h"
#include "overlay/OverlayStack.h"

#include <lamina/cache/TileCache.h>

#include <QLabel>
#include <QLocale>

#include <cmath>

namespace lamina {
namespace {

// "51 MiB" in English, "51 Mio" in French: the UI locale's units and digits.
QString formatBytes(uint64_t bytes) {
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeIecFormat);
}

} // namespace

ViewStatusBar::ViewStatusBar(TileCache& cache, QWidget* parent)
    : QStatusBar(parent), cache_(cache), position_(new QLabel(this)), level_(new QLabel(this)),
      cacheUse_(new QLabel(this)) {
    addWidget(position_, 1);
    addPermanentWidget(level_);
    addPermanentWidget(cacheUse_);
}

void ViewStatusBar::showView(const SlideView* view, std::optional<QPointF> cursor) {
    const auto stats = cache_.stats();
    cacheUse_->setText(tr("Cache %1 / %2 · hits %3%")
                           .arg(formatBytes(stats.bytes), formatBytes(stats.budgetBytes))
                           .arg(int(std::round(stats.hitRate() * 100))));
    if (!view) {
        position_->clear();
        level_->clear();
        return;
    }
    const int level = view->lastFrameStats().level;
    const LevelInfo& info = view->slide().level(level);
    QString levelText = tr("Level %1 (%2 × %3, ↓%4)")
                            .arg(level)
                            .arg(info.width)
                            .arg(info.height)
                            .arg(info.downsample, 0, 'g', 4);
    // Which focal plane / optical path is on screen, always in sight for a z-stack.
    const auto pyramids = view->slide().pyramids();
    if (pyramids.size() > 1)
        levelText += QStringLiteral(" · ") +
                     QString::fromStdString(pyramids[view->slide().shownPyramid()].label());
    level_->setText(levelText);
    if (!cursor) {
        position_->clear();
        return;
    }
    const auto& meta = view->slide().metadata();
    QString text = tr("x %1  y %2 px").arg(cursor->x(), 0, 'f', 0).arg(cursor->y(), 0, 'f', 0);
    if (meta.mppX && meta.mppY)
        text = tr("x %1 µm  y %2 µm   (%3)")
                   .arg(cursor->x() * *meta.mppX, 0, 'f', 1)
                   .arg(cursor->y() * *meta.mppY, 0, 'f', 1)
                   .arg(text);
    // The value under the cursor of the topmost visible analysis overlay with a raster.
    if (AnnotationSession* session = view->annotationSession()) {
        const OverlayStack& overlays = session->overlays();
        for (size_t i = overlays.size(); i-- > 0;) {
            const PluginOverlay& o = overlays.at(i);
            if (!o.visible || o.raster.empty())
                continue;
            if (const auto v = o.raster.valueAt(cursor->x(), cursor->y()))
                text += tr("   %1: %2").arg(o.plugin.name).arg(double(*v), 0, 'g', 3);
            break;
        }
    }
    position_->setText(text);
}

} // namespace lamina
