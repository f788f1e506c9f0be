#include "panels/OverlayLayersWidget.h"

#include "annotation/AnnotationSession.h"
#include "overlay/OverlayStack.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QSlider>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace lamina {
namespace {

// A colour bar with its end values under it (continuous), or a swatch per label.
QPixmap legendFor(const RasterOverlay& raster, int width, const QFont& font) {
    const QFontMetrics metrics(font);
    const int barHeight = 12;
    QPixmap pixmap(width, barHeight + metrics.height() + 4);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setFont(font);
    p.drawImage(QRect(0, 0, width, barHeight),
                RasterOverlay::colourBar(raster.colourMap(), QSize(width, barHeight)));
    p.setPen(QColor(128, 128, 128));
    p.drawRect(QRect(0, 0, width - 1, barHeight - 1));
    p.setPen(QPalette().color(QPalette::WindowText));
    const QRect text(0, barHeight + 2, width, metrics.height());
    if (raster.colourMap() == ColourMap::Labels) {
        p.drawText(text, Qt::AlignLeft, QObject::tr("labels 1, 2, 3 …; 0 not drawn"));
    } else {
        const auto [low, high] = raster.valueRange();
        p.drawText(text, Qt::AlignLeft, QString::number(low, 'g', 3));
        p.drawText(text, Qt::AlignRight, QString::number(high, 'g', 3));
    }
    return pixmap;
}

} // namespace

OverlayLayersWidget::OverlayLayersWidget(QWidget* parent)
    : QWidget(parent), tree_(new QTreeWidget(this)), opacity_(new QSlider(Qt::Horizontal, this)),
      colourMap_(new QComboBox(this)), outline_(new QComboBox(this)),
      fade_(new QCheckBox(tr("Fade low values"), this)), legend_(new QLabel(this)),
      measurements_(new QLabel(this)), toAnnotations_(new QToolButton(this)),
      remove_(new QToolButton(this)) {
    tree_->setObjectName(QStringLiteral("overlays"));
    tree_->setColumnCount(ColumnCount);
    tree_->setHeaderLabels({tr("Show"), tr("Analysis overlay"), tr("State")});
    tree_->setRootIsDecorated(false);
    tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(Name, QHeaderView::Stretch);
    tree_->header()->setStretchLastSection(false);
    opacity_->setRange(0, 100);
    opacity_->setToolTip(tr("Opacity of the current overlay"));
    for (const QString& name : RasterOverlay::continuousMapNames())
        colourMap_->addItem(name, name);
    colourMap_->setToolTip(tr("Colour map of the current overlay's values"));
    // Outline colours that read on white glass and on H&E alike (each drawn over a dark halo).
    outline_->addItem(tr("Class colours"), QString());
    for (const auto& [name, rgb] :
         {std::pair{tr("Blue"), "#1e5bff"}, std::pair{tr("Green"), "#00c853"},
          std::pair{tr("Cyan"), "#00e5ff"}, std::pair{tr("Magenta"), "#ff2bd6"},
          std::pair{tr("Yellow"), "#ffdc00"}, std::pair{tr("Black"), "#000000"},
          std::pair{tr("White"), "#ffffff"}}) {
        QPixmap swatch(12, 12);
        swatch.fill(QColor(QLatin1String(rgb)));
        outline_->addItem(QIcon(swatch), name, QLatin1String(rgb));
    }
    outline_->setToolTip(tr("Colour of the current overlay's detection outlines"));
    measurements_->setWordWrap(true);
    // Room for a whole error message (a dock does not size word-wrapped labels to their text).
    measurements_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    measurements_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    measurements_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    toAnnotations_->setText(tr("To annotations"));
    toAnnotations_->setToolTip(
        tr("Copy the detections into a new annotation layer that you can edit (undoable)"));
    remove_->setText(tr("Remove"));
    remove_->setToolTip(tr("Remove the current overlay and its saved result"));

    auto* settings = new QFormLayout;
    settings->setContentsMargins(0, 0, 0, 0);
    settings->addRow(tr("Opacity"), opacity_);
    settings->addRow(tr("Colours"), colourMap_);
    settings->addRow(tr("Outlines"), outline_);
    settings->addRow(fade_);
    settings->addRow(legend_);
    settings->addRow(measurements_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(toAnnotations_);
    buttons->addWidget(remove_);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tree_, 1);
    layout->addLayout(settings, 1);
    layout->addLayout(buttons);

    connect(tree_, &QTreeWidget::currentItemChanged, this, &OverlayLayersWidget::refreshDetails);
    connect(tree_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        if (refreshing_ || column != Visible || !stack())
            return;
        const size_t i = overlayOfRow(tree_->indexOfTopLevelItem(item));
        if (i != SIZE_MAX)
            stack()->setVisible(i, item->checkState(Visible) == Qt::Checked);
    });
    connect(opacity_, &QSlider::valueChanged, this, [this](int value) {
        if (!refreshing_ && stack() && currentOverlay() != SIZE_MAX)
            stack()->setOpacity(currentOverlay(), value / 100.0);
    });
    connect(colourMap_, &QComboBox::currentIndexChanged, this, [this] {
        const auto map = RasterOverlay::fromName(colourMap_->currentData().toString());
        if (!refreshing_ && map && stack() && currentOverlay() != SIZE_MAX)
            stack()->setColourMap(currentOverlay(), *map);
    });
    connect(outline_, &QComboBox::currentIndexChanged, this, [this] {
        if (refreshing_ || !stack() || currentOverlay() == SIZE_MAX)
            return;
        const QColor colour(outline_->currentData().toString());
        stack()->setOutlineColour(
            currentOverlay(), colour.isValid() ? std::optional<QRgb>(colour.rgb()) : std::nullopt);
    });
    connect(fade_, &QCheckBox::toggled, this, [this](bool on) {
        if (!refreshing_ && stack() && currentOverlay() != SIZE_MAX)
            stack()->setFadeLowValues(currentOverlay(), on);
    });
    fade_->setToolTip(tr("Make the lowest values transparent, so the tissue shows through"));
    connect(toAnnotations_, &QToolButton::clicked, this,
            &OverlayLayersWidget::convertCurrentToAnnotations);
    connect(remove_, &QToolButton::clicked, this, [this] { removeCurrent(true); });
    refresh();
}

OverlayStack* OverlayLayersWidget::stack() const {
    return session_ ? &session_->overlays() : nullptr;
}

void OverlayLayersWidget::setSession(AnnotationSession* session) {
    if (OverlayStack* old = stack())
        disconnect(old, nullptr, this, nullptr);
    session_ = session;
    if (OverlayStack* s = stack())
        connect(s, &OverlayStack::changed, this, &OverlayLayersWidget::refresh);
    refresh();
    if (tree_->topLevelItemCount() > 0 && !tree_->currentItem())
        tree_->setCurrentItem(tree_->topLevelItem(0));
}

size_t OverlayLayersWidget::overlayOfRow(int row) const {
    const size_t count = stack() ? stack()->size() : 0;
    return row < 0 || size_t(row) >= count ? SIZE_MAX : count - 1 - size_t(row);
}

size_t OverlayLayersWidget::currentOverlay() const {
    return overlayOfRow(tree_->indexOfTopLevelItem(tree_->currentItem()));
}

void OverlayLayersWidget::refresh() {
    refreshing_ = true;
    const OverlayStack* s = stack();
    const size_t count = s ? s->size() : 0;
    const int currentRow = tree_->indexOfTopLevelItem(tree_->currentItem());
    const bool grew = size_t(tree_->topLevelItemCount()) < count;
    while (size_t(tree_->topLevelItemCount()) > count)
        delete tree_->takeTopLevelItem(tree_->topLevelItemCount() - 1);
    while (size_t(tree_->topLevelItemCount()) < count)
        tree_->addTopLevelItem(new QTreeWidgetItem);
    for (int row = 0; row < int(count); ++row) {
        const PluginOverlay& o = s->at(overlayOfRow(row));
        QTreeWidgetItem* item = tree_->topLevelItem(row);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(Visible, o.visible ? Qt::Checked : Qt::Unchecked);
        item->setText(Name, o.title());
        item->setToolTip(Name, tr("%1 %2 (%3)").arg(o.plugin.name, o.plugin.version, o.id));
        item->setText(State, o.stateText());
        item->setToolTip(State, o.error);
        item->setForeground(State, o.state == PluginOverlay::State::Failed
                                       ? QBrush(QColor(0xc0, 0x39, 0x2b))
                                       : QBrush());
    }
    // A new overlay (on top) becomes the current one, so its settings are at hand.
    if (grew)
        tree_->setCurrentItem(tree_->topLevelItem(0));
    else if (currentRow >= 0 && currentRow < int(count))
        tree_->setCurrentItem(tree_->topLevelItem(currentRow));
    refreshing_ = false;
    refreshDetails();
}

void OverlayLayersWidget::refreshDetails() {
    refreshing_ = true;
    const OverlayStack* s = stack();
    const size_t i = currentOverlay();
    const PluginOverlay* o = s && i != SIZE_MAX ? &s->at(i) : nullptr;
    const bool hasRaster = o && !o->raster.empty();
    opacity_->setEnabled(o != nullptr);
    opacity_->setValue(o ? int(std::lround(o->raster.opacity() * 100)) : 60);
    colourMap_->setEnabled(hasRaster && o->raster.colourMap() != ColourMap::Labels);
    if (hasRaster)
        colourMap_->setCurrentIndex(
            std::max(0, colourMap_->findData(RasterOverlay::name(o->raster.colourMap()))));
    const bool hasDetections = o && o->detectionCount() > 0;
    outline_->setEnabled(hasDetections);
    outline_->setCurrentIndex(
        hasDetections && o->outlineColour
            ? std::max(0, outline_->findData(QColor(*o->outlineColour).name()))
            : 0);
    const bool continuous = hasRaster && o->raster.colourMap() != ColourMap::Labels;
    fade_->setEnabled(continuous);
    fade_->setChecked(continuous && o->raster.fadesLowValues());
    legend_->setVisible(hasRaster);
    if (hasRaster)
        legend_->setPixmap(legendFor(o->raster, std::max(120, width() - 16), font()));
    QString text;
    if (o) {
        if (o->state == PluginOverlay::State::Failed)
            text += QStringLiteral("<p style='color:#c0392b'>%1</p>").arg(o->error.toHtmlEscaped());
        if (!o->saveError.isEmpty())
            text += QStringLiteral("<p style='color:#c0392b'>%1</p>")
                        .arg(tr("Not saved: %1").arg(o->saveError).toHtmlEscaped());
        if (o->detectionCount() > 0)
            text += tr("%n detection(s)<br>", nullptr, int(o->detectionCount()));
        for (const auto& [name, value] : o->measurements())
            text += QStringLiteral("%1: <b>%2</b><br>")
                        .arg(QString::fromStdString(name).toHtmlEscaped())
                        .arg(value, 0, 'g', 4);
    }
    measurements_->setText(text);
    measurements_->setVisible(!text.isEmpty());
    toAnnotations_->setEnabled(o && o->detectionCount() > 0 &&
                               o->state != PluginOverlay::State::Running);
    remove_->setEnabled(o != nullptr);
    refreshing_ = false;
}

size_t OverlayLayersWidget::convertCurrentToAnnotations() {
    const size_t i = currentOverlay();
    if (!session_ || i == SIZE_MAX)
        return 0;
    const PluginOverlay& o = session_->overlays().at(i);
    AnnotationDocument copy = o.detections;
    for (AnnotationLayer& l : copy.layers) { // an editable layer, shown like the others
        l.visible = true;
        l.opacity = 1;
    }
    return session_->importDocument(copy, o.title().toStdString());
}

void OverlayLayersWidget::removeCurrent(bool confirm) {
    const size_t i = currentOverlay();
    if (!stack() || i == SIZE_MAX)
        return;
    if (confirm &&
        QMessageBox::question(this, tr("Remove overlay"),
                              tr("Remove “%1” and its saved result? Annotations made from it "
                                 "are kept.")
                                  .arg(stack()->at(i).title())) != QMessageBox::Yes)
        return;
    stack()->remove(i);
}

} // namespace lamina
