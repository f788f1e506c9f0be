#pragma once
// Help › About Lamina: the version, what Lamina is meant for (research and education, not a
// certified medical device), and the versions of the libraries it runs with.
// Thread-safety: GUI thread only.

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

namespace lamina {

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    // {name, version} of Qt, OpenSlide, libtiff, DCMTK, libjpeg-turbo, OpenJPEG, OpenCV.
    static QList<QPair<QString, QString>> libraryVersions();
    // The intended-use sentence (shown here, in the README and the AppStream file).
    static QString intendedUse();
};

} // namespace lamina
