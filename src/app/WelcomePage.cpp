#include "WelcomePage.h"

#include "AppSettings.h"
#include "SlideLocation.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace lamina {

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent) {
    auto* outer = new QVBoxLayout(this);
    auto* column = new QWidget(this);
    column->setMinimumWidth(520);
    column->setMaximumWidth(720);
    auto* layout = new QVBoxLayout(column);
    auto* title = new QLabel(tr("<h1>Lamina</h1><p>Whole-slide image viewer</p>"), column);
    auto* open = new QPushButton(tr("Open slide…"), column);
    auto* demo = new QPushButton(tr("Open demo slide"), column);
    demo->setToolTip(tr("A synthetic tissue slide, written once into your data folder"));
    recent_ = new QListWidget(column);
    recent_->setAlternatingRowColors(true);
    layout->addWidget(title);
    layout->addWidget(open);
    layout->addWidget(demo);
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("<b>Recent slides</b>"), column));
    layout->addWidget(recent_, 1);
    outer->addWidget(column, 0, Qt::AlignHCenter);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openDialogRequested);
    connect(demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
    connect(recent_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit openRequested(item->data(Qt::UserRole).toString());
    });
    refresh();
}

void WelcomePage::refresh() {
    recent_->clear();
    for (const QString& path : AppSettings::recentSlides()) {
        auto* item = new QListWidgetItem(slideDisplayName(path) + QStringLiteral("  —  ") +
                                         slideDisplayFolder(path));
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
        recent_->addItem(item);
    }
    if (recent_->count() == 0)
        recent_->addItem(tr("(none yet)"));
    if (recent_->count() == 1 && recent_->item(0)->data(Qt::UserRole).isNull())
        recent_->item(0)->setFlags(Qt::NoItemFlags);
}

} // namespace lamina
