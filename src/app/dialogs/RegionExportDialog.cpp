#include "dialogs/RegionExportDialog.h"

#include "BackgroundWork.h"
#include "dialogs/ResolutionEditor.h"

#include <lamina/core/Error.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <cmath>

namespace lamina {
namespace {

enum class ContentChoice { Image = 0, ImageWithOutlines = 1, LabelMask = 2 };

} // namespace

RegionExportDialog::RegionExportDialog(ExportContext context, QWidget* parent)
    : QDialog(parent), context_(std::move(context)), areaBox_(new QComboBox(this)),
      resolution_(new ResolutionEditor(context_.slide->metadata(), 1, this)),
      contentBox_(new QComboBox(this)), output_(new QLineEdit(this)), summary_(new QLabel(this)),
      progress_(new QProgressBar(this)), status_(new QLabel(this)) {
    setWindowTitle(tr("Export Large Region — %1").arg(context_.slideName));
    areaBox_->addItem(tr("The view as displayed"), int(ExportContext::Area::View));
    areaBox_->addItem(tr("Selected annotations, with a margin"),
                      int(ExportContext::Area::Selection));
    areaBox_->addItem(tr("The whole slide"), int(ExportContext::Area::WholeSlide));
    auto* areas = qobject_cast<QStandardItemModel*>(areaBox_->model());
    areas->item(1)->setEnabled(context_.has(ExportContext::Area::Selection));
    areaBox_->setCurrentIndex(context_.has(ExportContext::Area::Selection) ? 1 : 2);
    contentBox_->addItem(tr("Slide image"));
    contentBox_->addItem(tr("Slide image with annotation outlines"));
    contentBox_->addItem(tr("Label mask of the annotations (one value per class)"));
    auto* contents = qobject_cast<QStandardItemModel*>(contentBox_->model());
    for (int i = 1; i <= 2; ++i)
        contents->item(i)->setEnabled(context_.annotations != nullptr);

    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(output_, 1);
    outputRow->addWidget(browse);
    output_->setPlaceholderText(tr("Pyramidal TIFF to write (.tif)"));
    summary_->setWordWrap(true);
    status_->setWordWrap(true);
    progress_->setRange(0, 1000);
    progress_->setValue(0);

    auto* form = new QFormLayout;
    form->addRow(tr("Area:"), areaBox_);
    form->addRow(tr("Resolution:"), resolution_);
    form->addRow(tr("Content:"), contentBox_);
    form->addRow(tr("Output:"), outputRow);
    form->addRow(summary_);
    form->addRow(progress_);
    form->addRow(status_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    exportButton_ = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    cancelButton_ = buttons->addButton(tr("&Cancel Export"), QDialogButtonBox::ActionRole);
    cancelButton_->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(560);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export region"), context_.slideName.section('.', 0, 0) + "-region.tif",
            tr("Pyramidal TIFF (*.tif *.tiff)"));
        if (!path.isEmpty())
            setOutputPath(path);
    });
    connect(exportButton_, &QPushButton::clicked, this, [this] { start(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &RegionExportDialog::reject);
    connect(cancelButton_, &QPushButton::clicked, this, [this] { cancel(); });
    connect(areaBox_, &QComboBox::currentIndexChanged, this, &RegionExportDialog::updateSummary);
    connect(resolution_, &ResolutionEditor::changed, this, &RegionExportDialog::updateSummary);
    connect(contentBox_, &QComboBox::currentIndexChanged, this, &RegionExportDialog::updateSummary);
    updateSummary();
}

RegionExportDialog::~RegionExportDialog() {
    cancelRequested_ = true;
    if (worker_.valid()) // the work uses this dialog: it must end first
        worker_.wait();
}

PyramidExportOptions RegionExportDialog::options() const {
    PyramidExportOptions o;
    const auto choice = ContentChoice(contentBox_->currentIndex());
    o.content = choice == ContentChoice::LabelMask ? PyramidExportOptions::Content::LabelMask
                                                   : PyramidExportOptions::Content::Image;
    o.downsample = resolution_->downsample();
    o.region = context_.rect(ExportContext::Area(areaBox_->currentData().toInt()), o.downsample)
                   .intersected(context_.rect(ExportContext::Area::WholeSlide, 1));
    if (choice != ContentChoice::Image)
        o.annotations = context_.annotations.get();
    return o;
}

void RegionExportDialog::setOutputPath(const QString& path) {
    output_->setText(path);
}

void RegionExportDialog::updateSummary() {
    resolution_->setRegionWidth(
        context_.rect(ExportContext::Area(areaBox_->currentData().toInt()), 1).width());
    const PyramidExportOptions o = options();
    const double w = std::round(o.region.width() / o.downsample);
    const double h = std::round(o.region.height() / o.downsample);
    summary_->setText(tr("%1 × %2 pixels (%3 megapixels), tiles of 512, levels 4× apart.")
                          .arg(w, 0, 'f', 0)
                          .arg(h, 0, 'f', 0)
                          .arg(w * h / 1e6, 0, 'f', 0));
}

bool RegionExportDialog::start() {
    if (running_)
        return false;
    const QString path = output_->text().trimmed();
    if (path.isEmpty()) {
        status_->setText(tr("Choose where to write the TIFF."));
        return false;
    }
    PyramidExportOptions o = options();
    // The worker keeps the slide and the annotations alive on its own.
    auto slide = context_.slide;
    auto annotations = context_.annotations;
    cancelRequested_ = false;
    running_ = true;
    exportButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    progress_->setValue(0);
    status_->setText(tr("Exporting…"));
    // The dialog waits for the work before it goes (destructor), so `this` outlives it.
    const auto work = [this, o, slide, annotations, path]() mutable {
        o.progress = [this](double fraction) {
            QMetaObject::invokeMethod(
                this, [this, fraction] { progress_->setValue(int(fraction * 1000)); },
                Qt::QueuedConnection);
            return !cancelRequested_;
        };
        bool ok = false;
        QString message;
        try {
            const PyramidExportReport r = exportPyramid(*slide, o, path.toStdString());
            ok = true;
            message = tr("Written: %1 (%2 × %3 pixels, %4 levels, %5 MB)")
                          .arg(path)
                          .arg(r.levels[0].width)
                          .arg(r.levels[0].height)
                          .arg(r.levels.size())
                          .arg(double(r.fileBytes) / 1e6, 0, 'f', 1);
        } catch (const Error& e) {
            message = e.kind() == ErrorKind::Cancelled ? tr("Export cancelled; nothing written.")
                                                       : QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            message = QString::fromStdString(e.what());
        }
        return std::pair(ok, message);
    };
    worker_ = runInBackground(this, std::move(work), [this](const std::pair<bool, QString>& r) {
        finish(r.first, r.second);
    });
    return true;
}

void RegionExportDialog::finish(bool ok, const QString& message) {
    running_ = false;
    exportButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    if (ok)
        progress_->setValue(progress_->maximum());
    status_->setText(ok ? message
                        : QStringLiteral("<span style=\"color:#b00020\">%1</span>")
                              .arg(message.toHtmlEscaped()));
    emit exportFinished(ok, message);
}

void RegionExportDialog::reject() {
    if (running_) {
        cancel(); // the dialog closes when the worker has stopped
        connect(this, &RegionExportDialog::exportFinished, this, &QDialog::reject,
                Qt::SingleShotConnection);
        return;
    }
    QDialog::reject();
}

} // namespace lamina
