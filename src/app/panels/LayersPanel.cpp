#include "panels/LayersPanel.h"

#include "annotation/AnnotationSession.h"
#include "panels/OverlayLayersWidget.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>
#include <memory>

namespace lamina {

LayersPanel::LayersPanel(QWidget* parent)
    : QWidget(parent), tree_(new QTreeWidget(this)), opacity_(new QSlider(Qt::Horizontal, this)),
      add_(new QToolButton(this)), remove_(new QToolButton(this)), raise_(new QToolButton(this)),
      lower_(new QToolButton(this)), overlays_(new OverlayLayersWidget(this)) {
    tree_->setColumnCount(ColumnCount);
    tree_->setHeaderLabels({tr("Show"), tr("Lock"), tr("Layer"), tr("Count")});
    tree_->setRootIsDecorated(false);
    tree_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tree_->header()->setSectionResizeMode(Name, QHeaderView::Stretch);
    tree_->header()->setStretchLastSection(false);
    opacity_->setRange(0, 100);
    opacity_->setToolTip(tr("Opacity of the current layer"));
    add_->setText(tr("Add"));
    add_->setToolTip(tr("Add a layer on top"));
    remove_->setText(tr("Remove"));
    remove_->setToolTip(tr("Remove the current layer and its annotations (undoable)"));
    raise_->setText(tr("Up"));
    raise_->setToolTip(tr("Draw the current layer above the one over it"));
    lower_->setText(tr("Down"));
    lower_->setToolTip(tr("Draw the current layer below the one under it"));

    auto* opacityRow = new QHBoxLayout;
    opacityRow->addWidget(new QLabel(tr("Opacity"), this));
    opacityRow->addWidget(opacity_, 1);
    auto* buttons = new QHBoxLayout;
    for (QToolButton* b : {add_, remove_, raise_, lower_})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(tree_, 1);
    layout->addLayout(opacityRow);
    layout->addLayout(buttons);
    layout->addWidget(overlays_, 1);

    connect(tree_, &QTreeWidget::itemChanged, this, &LayersPanel::itemChanged);
    connect(tree_, &QTreeWidget::currentItemChanged, this, &LayersPanel::currentRowChanged);
    connect(opacity_, &QSlider::valueChanged, this, [this](int value) {
        if (refreshing_ || !session_ || !tree_->currentItem())
            return;
        const size_t layer = layerOfRow(tree_->indexOfTopLevelItem(tree_->currentItem()));
        // Consecutive opacity changes of one layer merge into one undo step.
        session_->setLayerValue(session_->document().layers[layer].id, &AnnotationLayer::opacity,
                                value / 100.0, tr("Layer opacity"));
    });
    connect(add_, &QToolButton::clicked, this, &LayersPanel::addLayer);
    connect(remove_, &QToolButton::clicked, this, &LayersPanel::removeCurrentLayer);
    connect(raise_, &QToolButton::clicked, this, [this] { moveCurrentLayer(+1); });
    connect(lower_, &QToolButton::clicked, this, [this] { moveCurrentLayer(-1); });
    refresh();
}

void LayersPanel::setSession(AnnotationSession* session) {
    if (session_)
        disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    if (session_)
        connect(session_, &AnnotationSession::changed, this, &LayersPanel::refresh);
    overlays_->setSession(session);
    refresh();
}

size_t LayersPanel::layerOfRow(int row) const {
    const size_t count = session_ ? session_->document().layers.size() : 0;
    return row < 0 || size_t(row) >= count ? 0 : count - 1 - size_t(row);
}

void LayersPanel::refresh() {
    refreshing_ = true;
    const auto& layers = session_ ? session_->document().layers : std::vector<AnnotationLayer>{};
    while (tree_->topLevelItemCount() > int(layers.size()))
        std::unique_ptr<QTreeWidgetItem>(tree_->takeTopLevelItem(tree_->topLevelItemCount() - 1));
    while (tree_->topLevelItemCount() < int(layers.size())) {
        auto* item = new QTreeWidgetItem(tree_); // owned by the tree
        item->setFlags(item->flags() | Qt::ItemIsEditable | Qt::ItemIsUserCheckable);
    }
    for (int row = 0; row < int(layers.size()); ++row) {
        const AnnotationLayer& layer = layers[layerOfRow(row)];
        QTreeWidgetItem* item = tree_->topLevelItem(row);
        item->setCheckState(Visible, layer.visible ? Qt::Checked : Qt::Unchecked);
        item->setCheckState(Locked, layer.locked ? Qt::Checked : Qt::Unchecked);
        item->setText(Name, QString::fromStdString(layer.name));
        item->setText(Count, QString::number(layer.annotations.size()));
        item->setTextAlignment(Count, Qt::AlignRight | Qt::AlignVCenter);
    }
    if (session_ && !layers.empty()) {
        const int row = int(layers.size() - 1 - session_->activeLayer());
        tree_->setCurrentItem(tree_->topLevelItem(row), Name);
        opacity_->setValue(int(std::lround(layers[session_->activeLayer()].opacity * 100)));
    }
    const bool any = session_ && !layers.empty();
    if (!any) { // nothing open: a disabled full slider, not a misleading 0
        const QSignalBlocker block(opacity_);
        opacity_->setValue(100);
    }
    opacity_->setEnabled(any);
    add_->setEnabled(session_ != nullptr);
    remove_->setEnabled(any);
    raise_->setEnabled(any && session_->activeLayer() + 1 < layers.size());
    lower_->setEnabled(any && session_->activeLayer() > 0);
    refreshing_ = false;
}

void LayersPanel::itemChanged(QTreeWidgetItem* item, int column) {
    if (refreshing_ || !session_)
        return;
    const size_t index = layerOfRow(tree_->indexOfTopLevelItem(item));
    const AnnotationLayer& layer = session_->document().layers[index];
    switch (column) {
    case Visible:
        if ((item->checkState(Visible) == Qt::Checked) != layer.visible)
            session_->setLayerValue(layer.id, &AnnotationLayer::visible, !layer.visible,
                                    layer.visible ? tr("Hide layer") : tr("Show layer"));
        break;
    case Locked:
        if ((item->checkState(Locked) == Qt::Checked) != layer.locked)
            session_->setLayerValue(layer.id, &AnnotationLayer::locked, !layer.locked,
                                    layer.locked ? tr("Unlock layer") : tr("Lock layer"));
        break;
    case Name: {
        const std::string name = item->text(Name).trimmed().toStdString();
        if (!name.empty() && name != layer.name)
            session_->setLayerValue(layer.id, &AnnotationLayer::name, name, tr("Rename layer"));
        else
            refresh(); // an empty name is not a name: show the old one again
        break;
    }
    default:
        break;
    }
}

void LayersPanel::currentRowChanged() {
    if (refreshing_ || !session_ || !tree_->currentItem())
        return;
    session_->setActiveLayer(layerOfRow(tree_->indexOfTopLevelItem(tree_->currentItem())));
    refresh(); // opacity and button states follow the current layer
}

void LayersPanel::addLayer() {
    if (!session_)
        return;
    session_->addLayer(tr("Layer %1").arg(session_->document().layers.size() + 1).toStdString());
}

void LayersPanel::removeCurrentLayer() {
    if (session_ && !session_->document().layers.empty())
        session_->removeLayer(session_->activeLayer());
}

void LayersPanel::moveCurrentLayer(int towardsTop) {
    if (!session_ || session_->document().layers.empty())
        return;
    const size_t from = session_->activeLayer();
    if (towardsTop > 0 && from + 1 < session_->document().layers.size())
        session_->moveLayer(from, from + 1);
    else if (towardsTop < 0 && from > 0)
        session_->moveLayer(from, from - 1);
}

} // namespace lamina
