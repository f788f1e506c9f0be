#include "dialogs/RegionExportDialog.h"

#include "dialogs/ResolutionEditor.h"

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
    : JobDialog(tr("&Export"), parent, tr("&Cancel Export")), context_(std::move(context)),
      areaBox_(new QComboBox(this)),
      resolution_(new ResolutionEditor(context_.slide->metadata(), 1, this)),
      contentBox_(new QComboBox(this)), output_(new QLineEdit(this)), summary_(new QLabel(this)) {
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

    auto* form = new QFormLayout;
    form->addRow(tr("Area:"), areaBox_);
    form->addRow(tr("Resolution:"), resolution_);
    form->addRow(tr("Content:"), contentBox_);
    form->addRow(tr("Output:"), outputRow);
    form->addRow(summary_);
    form->addRow(progressBar());
    form->addRow(statusLabel());
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons());
    setMinimumWidth(560);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export region"), context_.slideName.section('.', 0, 0) + "-region.tif",
            tr("Pyramidal TIFF (*.tif *.tiff)"));
        if (!path.isEmpty())
            setOutputPath(path);
    });
    connect(startButton(), &QPushButton::clicked, this, [this] { start(); });
    connect(areaBox_, &QComboBox::currentIndexChanged, this, &RegionExportDialog::updateSummary);
    connect(resolution_, &ResolutionEditor::changed, this, &RegionExportDialog::updateSummary);
    connect(contentBox_, &QComboBox::currentIndexChanged, this, &RegionExportDialog::updateSummary);
    updateSummary();
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
    if (isRunning())
        return false;
    const QString path = output_->text().trimmed();
    if (path.isEmpty()) {
        showStatus(tr("Choose where to write the TIFF."), false);
        return false;
    }
    PyramidExportOptions o = options();
    // The job keeps the slide and the annotations alive on its own.
    return runJob(tr("Exporting…"), tr("Export cancelled; nothing written."),
                  [o, slide = context_.slide, annotations = context_.annotations,
                   path](const JobProgress& progress) mutable {
                      o.progress = [&progress](double fraction) { return progress(fraction, {}); };
                      const PyramidExportReport r = exportPyramid(*slide, o, path.toStdString());
                      return JobOutcome{true,
                                        tr("Written: %1 (%2 × %3 pixels, %4 levels, %5 MB)")
                                            .arg(path)
                                            .arg(r.levels[0].width)
                                            .arg(r.levels[0].height)
                                            .arg(r.levels.size())
                                            .arg(double(r.fileBytes) / 1e6, 0, 'f', 1),
                                        path};
                  });
}

void RegionExportDialog::jobEnded(const JobOutcome& outcome) {
    emit exportFinished(outcome.ok, outcome.message);
}

} // namespace lamina
