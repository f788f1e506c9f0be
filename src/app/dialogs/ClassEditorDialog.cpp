#include "dialogs/ClassEditorDialog.h"

#include "AppSettings.h"

#include <QColorDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>
#include <set>

namespace lamina {
namespace {

constexpr int kOriginalName = Qt::UserRole; // on the name cell: the name before editing
constexpr int kColour = Qt::UserRole + 1;   // on the colour cell: the QColor

} // namespace

ClassEditorDialog::ClassEditorDialog(const std::vector<AnnotationClass>& initial, QWidget* parent)
    : QDialog(parent), table_(new QTableWidget(0, 2, this)) {
    setWindowTitle(tr("Annotation Classes"));
    table_->setHorizontalHeaderLabels({tr("Colour"), tr("Name")});
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (const AnnotationClass& c : initial) {
        addClass(QString::fromStdString(c.name), QColor::fromRgb(QRgb(c.rgb)));
        table_->item(table_->rowCount() - 1, 1)
            ->setData(kOriginalName, QString::fromStdString(c.name));
    }
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        if (column == 0)
            chooseColour(row);
    });

    auto* add = new QPushButton(tr("Add"), this);
    auto* remove = new QPushButton(tr("Remove"), this);
    remove->setToolTip(tr("Annotations of a removed class become unclassified"));
    auto* saveDefaults = new QPushButton(tr("Save as My Defaults"), this);
    saveDefaults->setToolTip(tr("New slides start with these classes"));
    auto* builtIn = new QPushButton(tr("Add Built-in Classes"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        addClass(tr("Class %1").arg(table_->rowCount() + 1), QColor(200, 200, 200));
        table_->editItem(table_->item(table_->rowCount() - 1, 1));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (table_->currentRow() >= 0)
            table_->removeRow(table_->currentRow());
    });
    connect(saveDefaults, &QPushButton::clicked, this,
            [this] { AppSettings::setAnnotationClasses(classes()); });
    connect(builtIn, &QPushButton::clicked, this, [this] {
        const auto current = classes();
        for (const AnnotationClass& c : AnnotationClass::defaults())
            if (std::none_of(current.begin(), current.end(),
                             [&](const AnnotationClass& e) { return e.name == c.name; }))
                addClass(QString::fromStdString(c.name), QColor::fromRgb(QRgb(c.rgb)));
    });
    auto* side = new QVBoxLayout;
    for (QPushButton* b : {add, remove, builtIn, saveDefaults})
        side->addWidget(b);
    side->addStretch(1);
    auto* body = new QHBoxLayout;
    body->addWidget(table_, 1);
    body->addLayout(side);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(buttons);
    resize(460, 360);
}

void ClassEditorDialog::addClass(const QString& name, QColor colour) {
    const int row = table_->rowCount();
    table_->insertRow(row);
    auto swatch = std::make_unique<QTableWidgetItem>();
    swatch->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    swatch->setToolTip(tr("Double-click to change the colour"));
    table_->setItem(row, 0, swatch.release()); // the table owns its items
    table_->setItem(row, 1, std::make_unique<QTableWidgetItem>(name).release());
    setColour(row, colour);
}

void ClassEditorDialog::setColour(int row, QColor colour) {
    QTableWidgetItem* swatch = table_->item(row, 0);
    swatch->setData(kColour, colour);
    swatch->setBackground(colour);
    swatch->setText(colour.name());
    swatch->setForeground(colour.lightness() > 128 ? Qt::black : Qt::white);
}

void ClassEditorDialog::chooseColour(int row) {
    const QColor now = table_->item(row, 0)->data(kColour).value<QColor>();
    const QColor chosen = QColorDialog::getColor(now, this, tr("Class colour"));
    if (chosen.isValid())
        setColour(row, chosen);
}

std::vector<AnnotationClass> ClassEditorDialog::classes() const {
    std::vector<AnnotationClass> out;
    std::set<std::string> seen;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const std::string name = table_->item(row, 1)->text().trimmed().toStdString();
        if (name.empty() || !seen.insert(name).second)
            continue;
        const QColor colour = table_->item(row, 0)->data(kColour).value<QColor>();
        out.push_back({name, uint32_t(colour.rgb() & 0xFFFFFF)});
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> ClassEditorDialog::renamed() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const QTableWidgetItem* item = table_->item(row, 1);
        const std::string before = item->data(kOriginalName).toString().toStdString();
        const std::string after = item->text().trimmed().toStdString();
        if (!before.empty() && !after.empty() && before != after)
            out.emplace_back(before, after);
    }
    return out;
}

} // namespace lamina
