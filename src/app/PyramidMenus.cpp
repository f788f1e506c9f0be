#include "PyramidMenus.h"

#include "SlideView.h"

#include <lamina/core/Error.h>
#include <lamina/slide/SlideSource.h>

#include <QActionGroup>
#include <QMenu>

#include <algorithm>
#include <string>
#include <vector>

namespace lamina {

PyramidMenus::PyramidMenus(QMenu& viewMenu, QObject* parent) : QObject(parent) {
    focalPlaneMenu_ = viewMenu.addMenu(tr("Focal &Plane"));
    opticalPathMenu_ = viewMenu.addMenu(tr("&Optical Path"));
    rebuild();
}

void PyramidMenus::setCurrentView(SlideView* view) {
    view_ = view;
    rebuild();
}

void PyramidMenus::rebuild() {
    focalPlaneMenu_->clear();
    opticalPathMenu_->clear();
    const auto pyramids = view_ ? view_->slide().pyramids() : std::vector<SlidePyramid>{};
    const size_t shown = view_ ? view_->slide().shownPyramid() : 0;
    std::vector<std::string> paths;
    for (const SlidePyramid& p : pyramids)
        if (std::find(paths.begin(), paths.end(), p.opticalPath) == paths.end())
            paths.push_back(p.opticalPath);
    auto* planes = new QActionGroup(focalPlaneMenu_);
    for (size_t i = 0; i < pyramids.size(); ++i) {
        if (pyramids[i].opticalPath != pyramids[shown].opticalPath)
            continue;
        const QString z =
            pyramids[i].focalPlaneUm
                ? QString::fromStdString(SlidePyramid{{}, pyramids[i].focalPlaneUm}.label())
                : tr("plane %1").arg(i);
        QAction* a = focalPlaneMenu_->addAction(z, this, [this, i] { showPyramid(i); });
        a->setCheckable(true);
        a->setChecked(i == shown);
        planes->addAction(a);
    }
    auto* channels = new QActionGroup(opticalPathMenu_);
    for (const std::string& path : paths) {
        // The same focal plane on the other path when it has it, else that path's middle one.
        std::vector<size_t> candidates;
        for (size_t i = 0; i < pyramids.size(); ++i)
            if (pyramids[i].opticalPath == path)
                candidates.push_back(i);
        size_t target = candidates[(candidates.size() - 1) / 2];
        for (const size_t i : candidates)
            if (pyramids[i].focalPlaneUm == pyramids[shown].focalPlaneUm)
                target = i;
        QAction* a = opticalPathMenu_->addAction(path.empty() ? tr("(unnamed)")
                                                              : QString::fromStdString(path),
                                                 this, [this, target] { showPyramid(target); });
        a->setCheckable(true);
        a->setChecked(path == pyramids[shown].opticalPath);
        channels->addAction(a);
    }
    focalPlaneMenu_->setEnabled(focalPlaneMenu_->actions().size() > 1);
    opticalPathMenu_->setEnabled(paths.size() > 1);
}

bool PyramidMenus::showPyramid(size_t index) {
    if (!view_ || index >= view_->slide().pyramids().size())
        return false;
    if (index != view_->slide().shownPyramid()) {
        try {
            view_->setSlide(std::shared_ptr<const SlideSource>(view_->slide().withPyramid(index)));
        } catch (const Error& e) { // not expected: the choice comes from the slide itself
            emit pyramidFailed(QString::fromStdString(view_->slide().location()), e);
            return false;
        }
    }
    rebuild();
    emit pyramidShown(view_, QString::fromStdString(view_->slide().pyramids()[index].label()));
    return true;
}

bool PyramidMenus::stepFocalPlane(int direction) {
    if (!view_)
        return false;
    const auto pyramids = view_->slide().pyramids();
    const size_t shown = view_->slide().shownPyramid();
    if (pyramids.size() < 2)
        return false;
    // Pyramids come sorted by path, then focal plane: the neighbour on the same path.
    const size_t next = direction > 0 ? shown + 1 : shown - 1;
    if (next >= pyramids.size() || pyramids[next].opticalPath != pyramids[shown].opticalPath)
        return false;
    return showPyramid(next);
}

} // namespace lamina
