#pragma once
// A main window with a synthetic 16000 x 12000 slide open, for widget tests that drive the
// viewer as a user does. Shared by the widget and the annotation tool tests.

#include "MainWindow.h"
#include "SlideDocuments.h"
#include "SlideView.h"
#include "TestSupport.h"
#include "Workspace.h"

#include <lamina/annotation/AnnotationStore.h>

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <memory>

namespace lamina::test {

// Points settings and data into `home`, so tests never touch the user's real ones; and use
// the offscreen platform unless told otherwise. Call before creating the QApplication.
inline void isolateUserFolders(const QTemporaryDir& home) {
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

class ViewerHarness {
public:
    static QString slidePath() {
        SyntheticSlideOptions o;
        o.width = 16000;
        o.height = 12000;
        o.seed = 5;
        return QString::fromStdString(synthesizedSlide(o).string());
    }

    // Creates and shows the window; returns false when it never got exposed.
    bool start() {
        workspace_ = std::make_unique<Workspace>(256ull << 20, 2);
        window_ = std::make_unique<MainWindow>(*workspace_);
        window_->resize(1200, 800);
        window_->show();
        return QTest::qWaitForWindowExposed(window_.get());
    }
    void stop() {
        window_.reset();
        workspace_.reset();
    }

    MainWindow& window() { return *window_; }
    Workspace& workspace() { return *workspace_; }

    // Opens the synthetic slide in a new tab, laid out and shown.
    SlideView* openShown() {
        SlideView* view = window_->documents().open(slidePath(), true);
        if (view)
            QTest::qWait(1); // let the tab lay out
        return view;
    }

    // The same, after removing what earlier tests saved for that slide: the view starts
    // with no annotations.
    SlideView* openWithoutAnnotations() {
        std::filesystem::remove(AnnotationStore(slidePath().toStdString(), "/nonexistent").path());
        return openShown();
    }

private:
    std::unique_ptr<Workspace> workspace_;
    std::unique_ptr<MainWindow> window_;
};

} // namespace lamina::test
