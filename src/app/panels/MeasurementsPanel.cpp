#include "panels/MeasurementsPanel.h"

#include "annotation/AnnotationSession.h"

#include <lamina/annotation/MeasurementsCsv.h>
#include <lamina/core/Error.h>

#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lamina {

MeasurementsPanel::MeasurementsPanel(QWidget* parent)
    : QWidget(parent), units_(new QLabel(this)), table_(new QTableWidget(this)),
      export_(new QPushButton(tr("Export CSV…"), this)) {
    table_->setColumnCount(5);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    units_->setWordWrap(true);
    export_->setToolTip(tr("Every annotation's measurements, one row each, for a spreadsheet"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(units_);
    layout->addWidget(table_, 1);
    layout->addWidget(export_);
    debounce_.setSingleShot(true);
    debounce_.setInterval(300);
    connect(&debounce_, &QTimer::timeout, this, &MeasurementsPanel::recompute);
    connect(export_, &QPushButton::clicked, this, &MeasurementsPanel::chooseCsvFile);
    recompute();
}

void MeasurementsPanel::setSession(AnnotationSession* session, Scale scale, QString slideName) {
    if (session_)
        disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    scale_ = scale;
    slideName_ = std::move(slideName);
    if (session_)
        connect(session_, &AnnotationSession::changed, this, &MeasurementsPanel::scheduleRecompute);
    recompute();
}

void MeasurementsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    recompute();
}

void MeasurementsPanel::scheduleRecompute() {
    if (isVisible())
        debounce_.start();
}

void MeasurementsPanel::recompute() {
    debounce_.stop();
    const bool microns = scale_.hasMicrons();
    table_->setHorizontalHeaderLabels(
        {tr("Class / layer"), tr("Count"), microns ? tr("Area (mm²)") : tr("Area (px²)"),
         microns ? tr("Length (µm)") : tr("Length (px)"), tr("Points")});
    units_->setText(!session_  ? tr("No slide open.")
                    : !microns ? tr("This slide has no pixel size (MPP): values are in pixels.")
                    : scale_.userEntered
                        ? tr("Totals of every annotation, visible or not. Pixel size entered "
                             "by you: %1 µm per pixel.")
                              .arg(QLocale().toString(*scale_.mppX, 'g', 6))
                        : tr("Totals of every annotation, visible or not."));
    export_->setEnabled(session_ != nullptr);
    table_->setRowCount(0);
    if (!session_)
        return;
    const AnnotationDocument& doc = session_->document();
    const auto addRow = [&](const QString& label, const ClassTotals& t, bool heading) {
        const int row = table_->rowCount();
        table_->insertRow(row);
        // Areas in mm² read better than µm² for tissue regions (1 mm² = 10⁶ µm²).
        const double area = microns ? t.area / 1e6 : t.area;
        const QStringList cells{label, QString::number(t.annotations),
                                t.area > 0 ? QString::number(area, 'f', microns ? 4 : 0)
                                           : QString(),
                                t.length > 0 ? QString::number(t.length, 'f', 1) : QString(),
                                t.points > 0 ? QString::number(t.points) : QString()};
        for (int c = 0; c < cells.size(); ++c) {
            auto item = std::make_unique<QTableWidgetItem>(cells[c]);
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (heading) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            table_->setItem(row, c, item.release()); // the table owns its items
        }
    };
    ClassTotals all;
    for (const auto& [name, t] : totalsByClass(doc, scale_)) {
        addRow(name.empty() ? tr("Unclassified") : QString::fromStdString(name), t, false);
        all.annotations += t.annotations;
        all.area += t.area;
        all.length += t.length;
        all.points += t.points;
    }
    addRow(tr("All classes"), all, true);
    const auto byLayer = totalsByLayer(doc, scale_);
    for (size_t l = 0; l < byLayer.size(); ++l)
        addRow(tr("Layer: %1").arg(QString::fromStdString(doc.layers[l].name)), byLayer[l], false);
}

QString MeasurementsPanel::exportCsv(const QString& path) const {
    if (!session_)
        return tr("No slide is open.");
    try {
        writeMeasurementsCsv(session_->document(), scale_, path.toStdString());
        return {};
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
}

void MeasurementsPanel::chooseCsvFile() {
    const QString suggested = QFileInfo(slideName_).completeBaseName() + tr("-measurements.csv");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export measurements"), suggested,
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const QString error = exportCsv(path); !error.isEmpty())
        QMessageBox::warning(this, tr("Export measurements"), error);
}

} // namespace lamina
