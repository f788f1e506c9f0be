#include "dialogs/SnapshotDialog.h"

#include "dialogs/ResolutionEditor.h"

#include <lamina/core/Error.h>
#include <lamina/render/ViewScale.h>
#include <lamina/render/export/ImageFileWriter.h>

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace lamina {
namespace {

constexpr QSize kPreviewSize(520, 400); // device pixels of the preview area

} // namespace

SnapshotDialog::SnapshotDialog(ExportContext context, QWidget* parent)
    : QDialog(parent), context_(std::move(context)),
      shown_(context_.annotations ? *context_.annotations : AnnotationDocument{}),
      areaBox_(new QComboBox(this)),
      resolution_(new ResolutionEditor(context_.slide->metadata(), context_.viewDownsample, this)),
      upscale_(new QCheckBox(tr("Allow enlarging beyond the scan"), this)),
      layers_(new QListWidget(this)), scaleBar_(new QCheckBox(tr("Scale bar"), this)),
      caption_(new QCheckBox(tr("Caption (slide name, magnification, µm/px, date)"), this)),
      quality_(new QSpinBox(this)), preview_(new QLabel(this)), sizeLabel_(new QLabel(this)) {
    setWindowTitle(tr("Export Snapshot — %1").arg(context_.slideName));
    areaBox_->addItem(tr("The view as displayed"), int(ExportContext::Area::View));
    areaBox_->addItem(tr("Selected annotations, with a margin"),
                      int(ExportContext::Area::Selection));
    areaBox_->addItem(tr("The whole slide"), int(ExportContext::Area::WholeSlide));
    if (auto* model = qobject_cast<QStandardItemModel*>(areaBox_->model()))
        model->item(1)->setEnabled(context_.has(ExportContext::Area::Selection));
    if (context_.has(ExportContext::Area::Selection))
        areaBox_->setCurrentIndex(1);

    for (const auto& layer : shown_.layers) {
        auto* item = new QListWidgetItem(QString::fromStdString(layer.name), layers_);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(layer.visible ? Qt::Checked : Qt::Unchecked);
    }
    layers_->setMaximumHeight(110);
    scaleBar_->setChecked(true);
    caption_->setChecked(true);
    quality_->setRange(1, 100);
    quality_->setValue(90);
    quality_->setSuffix(tr(" (JPEG quality)"));

    auto* form = new QFormLayout;
    form->addRow(tr("Area:"), areaBox_);
    form->addRow(tr("Resolution:"), resolution_);
    form->addRow(QString(), upscale_);
    form->addRow(tr("Annotation layers:"), layers_);
    form->addRow(QString(), scaleBar_);
    form->addRow(QString(), caption_);
    form->addRow(tr("JPEG:"), quality_);
    auto* note = new QLabel(tr("The slide label and macro images are never included."), this);
    note->setWordWrap(true);
    note->setEnabled(false);
    form->addRow(note);

    preview_->setFixedSize(kPreviewSize);
    preview_->setAlignment(Qt::AlignCenter);
    preview_->setFrameShape(QFrame::StyledPanel);
    sizeLabel_->setWordWrap(true);
    auto* right = new QVBoxLayout;
    right->addWidget(preview_);
    right->addWidget(sizeLabel_);

    auto* left = new QVBoxLayout;
    left->addLayout(form);
    left->addStretch(1);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    copyButton_ = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    saveButton_ = buttons->addButton(tr("&Save…"), QDialogButtonBox::ActionRole);
    saveButton_->setDefault(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copyButton_, &QPushButton::clicked, this, [this] { copyToClipboard(); });
    connect(saveButton_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save snapshot"), context_.slideName.section('.', 0, 0) + ".png",
            tr("PNG image (*.png);;JPEG image (*.jpg);;TIFF image (*.tif)"));
        if (!path.isEmpty() && saveTo(path))
            accept();
    });
    // Re-rendered a moment after the last change, not on every keystroke.
    previewTimer_.setSingleShot(true);
    previewTimer_.setInterval(120);
    connect(&previewTimer_, &QTimer::timeout, this, &SnapshotDialog::updatePreview);
    const auto later = [this] { previewTimer_.start(); };
    connect(areaBox_, &QComboBox::currentIndexChanged, this, later);
    connect(resolution_, &ResolutionEditor::changed, this, later);
    connect(upscale_, &QCheckBox::toggled, this, later);
    connect(layers_, &QListWidget::itemChanged, this, later);
    connect(scaleBar_, &QCheckBox::toggled, this, later);
    connect(caption_, &QCheckBox::toggled, this, later);
    resolution_->setRegionWidth(context_.rect(area(), context_.viewDownsample).width());
    updatePreview();
}

ExportContext::Area SnapshotDialog::area() const {
    return ExportContext::Area(areaBox_->currentData().toInt());
}

SnapshotOptions SnapshotDialog::options() const {
    SnapshotOptions o;
    o.downsample = resolution_->downsample();
    o.region = context_.rect(area(), o.downsample);
    o.allowUpscale = upscale_->isChecked();
    o.scaleBar = scaleBar_->isChecked();
    o.caption = caption_->isChecked();
    o.slideName = context_.slideName.toStdString();
    o.annotations = context_.annotations ? &shown_ : nullptr;
    o.overlays = context_.overlays;
    return o;
}

Snapshot SnapshotDialog::render() const {
    return renderSnapshot(*context_.slide, options());
}

void SnapshotDialog::updatePreview() {
    for (int i = 0; i < layers_->count() && i < int(shown_.layers.size()); ++i)
        shown_.layers[size_t(i)].visible = layers_->item(i)->checkState() == Qt::Checked;
    resolution_->setRegionWidth(context_.rect(area(), resolution_->downsample()).width());
    SnapshotOptions o = options();
    const QSizeF full(o.region.width() / o.downsample, o.region.height() / o.downsample);
    QString problem;
    try {
        // The real snapshot's checks first (size, up-scaling, region), then a small render.
        if (o.downsample < 1 && !o.allowUpscale)
            throw Error(
                ErrorKind::InvalidArgument, {},
                tr("this would enlarge beyond the scan: tick \"Allow enlarging\"").toStdString());
        if (full.width() > 16384 || full.height() > 16384)
            throw Error(ErrorKind::InvalidArgument, {},
                        tr("larger than 16384 pixels per side: use File › Export › Large Region")
                            .toStdString());
        SnapshotOptions small = o;
        small.downsample = std::max({o.downsample, o.region.width() / kPreviewSize.width(),
                                     o.region.height() / (kPreviewSize.height() * 0.9)});
        small.allowUpscale = true;
        small.captionText = snapshotCaption(*context_.slide, o); // the final scale
        const Snapshot shot = renderSnapshot(*context_.slide, small);
        preview_->setPixmap(
            QPixmap::fromImage(shot.image)
                .scaled(kPreviewSize, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        const int level = context_.slide->bestLevelForDownsample(std::max(1.0, o.downsample));
        const auto microns = micronsPerScreenPixel(context_.slide->metadata(), o.downsample);
        sizeLabel_->setText(
            tr("%1 × %2 pixels%3 · from pyramid level %4")
                .arg(std::lround(full.width()))
                .arg(std::lround(full.height()))
                .arg(microns ? tr(" · %1 µm/px").arg(*microns, 0, 'f', 3) : QString())
                .arg(level));
    } catch (const Error& e) {
        problem = QString::fromStdString(e.cause());
    }
    if (!problem.isEmpty()) {
        preview_->setPixmap({});
        preview_->setText(tr("No preview"));
        sizeLabel_->setText(
            QStringLiteral("<span style=\"color:#b00020\">%1</span>").arg(problem.toHtmlEscaped()));
    }
    copyButton_->setEnabled(problem.isEmpty());
    saveButton_->setEnabled(problem.isEmpty());
}

bool SnapshotDialog::saveTo(const QString& path) {
    try {
        writeImageFile(render().image, path.toStdString(), quality_->value());
        return true;
    } catch (const Error& e) {
        lastError_ = QString::fromStdString(e.what());
        sizeLabel_->setText(QStringLiteral("<span style=\"color:#b00020\">%1</span>")
                                .arg(lastError_.toHtmlEscaped()));
        return false;
    }
}

bool SnapshotDialog::copyToClipboard() {
    try {
        QGuiApplication::clipboard()->setImage(render().image);
        return true;
    } catch (const Error& e) {
        lastError_ = QString::fromStdString(e.what());
        return false;
    }
}

} // namespace lamina
