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

QPixmap toPixmap(const RgbaImage& image, int maxWidth) {
    const QImage view(reinterpret_cast<const uchar*>(image.data()), image.width(), image.height(),
                      qsizetype(image.width()) * 4, QImage::Format_ARGB32_Premultiplied);
    return QPixmap::fromImage(
        view.scaledToWidth(std::min(maxWidth, image.width()), Qt::SmoothTransformation));
}

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
    connect(reveal_, &QPushButton::clicked, this, &SlideInfoPanel::showIdentifyingImages);
    setSlide(nullptr);
}

void SlideInfoPanel::setSlide(const SlideSource* slide) {
    slide_ = slide;
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
    reveal_->setEnabled(hasIdentifying);
    reveal_->setText(hasIdentifying ? tr("Show label, macro and patient data")
                                    : tr("No label, macro or patient data"));
    applyFilter(filter_->text());
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
            widget->setPixmap(toPixmap(slide_->readAssociated(name), width));
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
    reveal_->setEnabled(false);
}

} // namespace lamina
