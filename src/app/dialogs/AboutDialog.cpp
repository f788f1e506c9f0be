#include "dialogs/AboutDialog.h"

#include <lamina/codec/CodecLibraries.h>
#include <lamina/slide/SlideLibraries.h>

#include <QApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lamina {

QList<QPair<QString, QString>> AboutDialog::libraryVersions() {
    QList<QPair<QString, QString>> out{{QStringLiteral("Qt"), QString::fromLatin1(qVersion())}};
    for (const auto& list : {slideLibraryVersions(), codecLibraryVersions()})
        for (const auto& [name, version] : list)
            out.append({QString::fromStdString(name), QString::fromStdString(version)});
    // The analysis plugins run with OpenCV (the viewer itself does not load it).
    out.append({QStringLiteral("OpenCV"),
                tr("%1 (analysis plugins)").arg(QStringLiteral(LAMINA_OPENCV_VERSION))});
    return out;
}

QString AboutDialog::intendedUse() {
    return tr("For research and education. Lamina is not a certified medical device: it must "
              "not be used on its own to make a diagnosis.");
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About Lamina"));
    auto* layout = new QVBoxLayout(this);
    auto* text = new QLabel(
        tr("<h2>Lamina %1</h2><p>Whole-slide image viewer and annotation workstation for "
           "pathology.</p><p><b>Intended use:</b> %2</p><p>Apache License 2.0</p>")
            .arg(QApplication::applicationVersion().toHtmlEscaped(), intendedUse().toHtmlEscaped()),
        this);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(text);
    const auto versions = libraryVersions();
    auto* table = new QTableWidget(int(versions.size()), 2, this);
    table->setObjectName(QStringLiteral("libraryVersions"));
    table->setHorizontalHeaderLabels({tr("Library"), tr("Version")});
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    for (int row = 0; row < versions.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(versions[row].first));
        table->setItem(row, 1, new QTableWidgetItem(versions[row].second));
    }
    layout->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(520, 460);
}

} // namespace lamina
