#include "panels/SlideInfoPanel.h"

#include <lamina/core/Error.h>
#include <lamina/slide/SlideSource.h>

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace lamina {
namespace {

// At most maxWidth x maxHeight device-independent pixels: a tall macro image must not push the
// property table out of the dock.
QPixmap toPixmap(const RgbaImage& image, int maxWidth, int maxHeight) {
    const QImage view(reinterpret_cast<const uchar*>(image.data()), image.width(), image.height(),
                      qsizetype(image.width()) * 4, QImage::Format_ARGB32_Premultiplied);
    return QPixmap::fromImage(view.scaled(std::min(maxWidth, image.width()),
                                          std::min(maxHeight, image.height()), Qt::KeepAspectRatio,
                                          Qt::SmoothTransformation));
}

constexpr int kMaxImageHeight = 160;

} // namespace

SlideInfoPanel::SlideInfoPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Search properties…"));
    filter_->setClearButtonEnabled(true);
    table_ = new QTableWidget(0, 2, this);
    table_->setHorizontalHeaderLabels({tr("Property"), tr("Value")});
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setWordWrap(false);
    reveal_ = new QPushButton(tr("Show label and macro"), this);
    reveal_->setToolTip(
        tr("The label, the macro image and DICOM patient attributes may identify the patient"));
    label_ = new QLabel(this);
    macro_ = new QLabel(this);
    for (QLabel* l : {label_, macro_}) {
        l->setAlignment(Qt::AlignCenter);
        l->hide();
    }
    layout->addWidget(filter_);
    layout->addWidget(table_, 1);
    layout->addWidget(reveal_);
    layout->addWidget(label_);
    layout->addWidget(macro_);
    connect(filter_, &QLineEdit::textChanged, this, &SlideInfoPanel::applyFilter);
    connect(reveal_, &QPushButton::clicked, this, [this] {
        if (identifyingDataShown_)
            hideIdentifyingData();
        else
            showIdentifyingImages();
    });
    setSlide(nullptr);
}

void SlideInfoPanel::setSlide(const SlideSource* slide) {
    slide_ = slide;
    identifyingDataShown_ = false;
    table_->setRowCount(0);
    label_->hide();
    macro_->hide();
    label_->clear();
    macro_->clear();
    if (!slide_) {
        reveal_->setEnabled(false);
        return;
    }
    const auto& props = slide_->metadata().properties;
    table_->setRowCount(int(props.size()));
    int row = 0;
    bool hasPatientData = false;
    for (const auto& [key, value] : props) {
        table_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(key)));
        auto* valueItem = new QTableWidgetItem(QString::fromStdString(value).simplified());
        valueItem->setToolTip(QString::fromStdString(value));
        if (slide_->metadata().isPrivate(key)) { // patient identity: hidden like the label
            hasPatientData = true;
            valueItem->setData(Qt::UserRole, QString::fromStdString(value));
            valueItem->setText(tr("(hidden: may identify the patient)"));
            valueItem->setToolTip({});
        }
        table_->setItem(row, 1, valueItem);
        ++row;
    }
    table_->resizeColumnToContents(0);
    const auto& names = slide_->metadata().associatedImages;
    const bool hasIdentifying = hasPatientData || std::count(names.begin(), names.end(), "label") ||
                                std::count(names.begin(), names.end(), "macro");
    hasIdentifyingData_ = hasIdentifying;
    reveal_->setEnabled(hasIdentifying);
    updateRevealText();
    applyFilter(filter_->text());
}

void SlideInfoPanel::updateRevealText() {
    if (!hasIdentifyingData_)
        reveal_->setText(tr("No label, macro or patient data"));
    else if (identifyingDataShown_)
        reveal_->setText(tr("Hide label, macro and patient data"));
    else
        reveal_->setText(tr("Show label, macro and patient data"));
}

void SlideInfoPanel::hideIdentifyingData() {
    for (QLabel* l : {label_, macro_}) {
        l->hide();
        l->clear();
    }
    for (int row = 0; row < table_->rowCount(); ++row) {
        QTableWidgetItem* value = table_->item(row, 1);
        if (value->data(Qt::UserRole).isValid()) {
            value->setText(tr("(hidden: may identify the patient)"));
            value->setToolTip({});
        }
    }
    identifyingDataShown_ = false;
    updateRevealText();
}

bool SlideInfoPanel::identifyingImagesShown() const {
    return label_->isVisible() || macro_->isVisible();
}

void SlideInfoPanel::applyFilter(const QString& text) {
    for (int row = 0; row < table_->rowCount(); ++row) {
        const bool match = text.isEmpty() ||
                           table_->item(row, 0)->text().contains(text, Qt::CaseInsensitive) ||
                           table_->item(row, 1)->text().contains(text, Qt::CaseInsensitive);
        table_->setRowHidden(row, !match);
    }
}

void SlideInfoPanel::showIdentifyingImages() {
    if (!slide_)
        return;
    const auto& names = slide_->metadata().associatedImages;
    const int width = std::max(120, this->width() - 24);
    for (auto [name, widget] : {std::pair{"label", label_}, std::pair{"macro", macro_}}) {
        if (std::find(names.begin(), names.end(), name) == names.end())
            continue;
        try {
            widget->setPixmap(toPixmap(slide_->readAssociated(name), width, kMaxImageHeight));
        } catch (const Error& e) {
            widget->setText(QString::fromStdString(e.cause()));
        }
        widget->show();
    }
    for (int row = 0; row < table_->rowCount(); ++row) {
        QTableWidgetItem* value = table_->item(row, 1);
        if (value->data(Qt::UserRole).isValid()) {
            value->setText(value->data(Qt::UserRole).toString().simplified());
            value->setToolTip(value->data(Qt::UserRole).toString());
        }
    }
    identifyingDataShown_ = true;
    updateRevealText();
}

} // namespace lamina
