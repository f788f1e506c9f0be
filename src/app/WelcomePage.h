#pragma once
// Shown when no slide is open: recent slides, "Open slide…" and "Open demo slide".
// Thread-safety: GUI thread only.

#include <QWidget>

class QListWidget;

namespace lamina {

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);
    void refresh(); // re-reads the recent slides

signals:
    void openRequested(const QString& path);
    void openDialogRequested();
    void demoRequested();

private:
    QListWidget* recent_;
};

} // namespace lamina
