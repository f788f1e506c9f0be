#include "dialogs/ResolutionEditor.h"

#include <lamina/render/ViewScale.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QStandardItemModel>

#include <algorithm>
#include <cmath>

namespace lamina {

ResolutionEditor::ResolutionEditor(const SlideMetadata& slide, double downsample, QWidget* parent)
    : QWidget(parent), slide_(slide), modeBox_(new QComboBox(this)),
      valueBox_(new QDoubleSpinBox(this)), lastDownsample_(downsample),
      regionWidth_(double(slide.levels.at(0).width)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    modeBox_->addItem(tr("Magnification"));
    modeBox_->addItem(tr("µm per pixel"));
    modeBox_->addItem(tr("Width in pixels"));
    auto* model = qobject_cast<QStandardItemModel*>(modeBox_->model());
    const bool hasMagnification = magnificationAt(slide_, 1).has_value();
    model->item(int(Mode::Magnification))->setEnabled(hasMagnification);
    model->item(int(Mode::MicronsPerPixel))->setEnabled(slide_.mppX.has_value());
    layout->addWidget(modeBox_);
    layout->addWidget(valueBox_, 1);
    modeBox_->setCurrentIndex(int(hasMagnification ? Mode::Magnification : Mode::OutputWidth));
    modeChanged();
    connect(modeBox_, &QComboBox::currentIndexChanged, this, [this] {
        modeChanged();
        emit changed();
    });
    connect(valueBox_, &QDoubleSpinBox::valueChanged, this, [this] {
        lastDownsample_ = this->downsample();
        emit changed();
    });
}

ResolutionEditor::Mode ResolutionEditor::mode() const {
    return Mode(modeBox_->currentIndex());
}
void ResolutionEditor::setMode(Mode mode) {
    modeBox_->setCurrentIndex(int(mode));
}
double ResolutionEditor::value() const {
    return valueBox_->value();
}
void ResolutionEditor::setValue(double value) {
    valueBox_->setValue(value);
}

void ResolutionEditor::setRegionWidth(double regionWidth) {
    regionWidth_ = std::max(1.0, regionWidth);
    lastDownsample_ = downsample();
}

double ResolutionEditor::downsample() const {
    const double v = valueBox_->value();
    switch (mode()) {
    case Mode::Magnification:
        return downsampleForMagnification(slide_, v).value_or(1);
    case Mode::MicronsPerPixel:
        return slide_.mppX ? v / *slide_.mppX : 1;
    case Mode::OutputWidth:
        return regionWidth_ / std::max(1.0, v);
    }
    return 1;
}

// Keeps the resolution when the way of stating it changes (4 µm/px stays 4 µm/px = 2.5×).
void ResolutionEditor::modeChanged() {
    const QSignalBlocker block(valueBox_);
    const double ds = lastDownsample_;
    switch (mode()) {
    case Mode::Magnification:
        valueBox_->setRange(0.01, 400);
        valueBox_->setDecimals(2);
        valueBox_->setSuffix(QStringLiteral("×"));
        // Rounded as the toolbar shows it (one rule everywhere: roundedMagnification).
        valueBox_->setValue(roundedMagnification(magnificationAt(slide_, ds).value_or(1)));
        break;
    case Mode::MicronsPerPixel:
        valueBox_->setRange(0.01, 10000);
        valueBox_->setDecimals(3);
        valueBox_->setSuffix(tr(" µm/px"));
        valueBox_->setValue(micronsPerScreenPixel(slide_, ds).value_or(1));
        break;
    case Mode::OutputWidth:
        valueBox_->setRange(1, 4'000'000);
        valueBox_->setDecimals(0);
        valueBox_->setSuffix(tr(" px"));
        valueBox_->setValue(std::round(regionWidth_ / ds));
        break;
    }
}

} // namespace lamina
