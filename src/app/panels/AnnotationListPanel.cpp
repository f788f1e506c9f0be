#include "panels/AnnotationListPanel.h"

#include "annotation/AnnotationSession.h"
#include "panels/AnnotationTableModel.h"

#include <QColorDialog>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace lamina {
namespace {

// Fills `box` with `entries` (text, data) unless it already holds exactly those, keeping
// the current choice by its data.
void refill(QComboBox* box, const std::vector<std::pair<QString, QVariant>>& entries) {
    bool same = box->count() == int(entries.size());
    for (int i = 0; same && i < box->count(); ++i)
        same = box->itemText(i) == entries[size_t(i)].first &&
               box->itemData(i) == entries[size_t(i)].second;
    if (same)
        return;
    const QVariant current = box->currentData();
    const QSignalBlocker block(box);
    box->clear();
    for (const auto& [text, data] : entries)
        box->addItem(text, data);
    box->setCurrentIndex(std::max(0, box->findData(current)));
}

} // namespace

AnnotationListPanel::AnnotationListPanel(QWidget* parent)
    : QWidget(parent), model_(new AnnotationTableModel(this)),
      sorted_(new QSortFilterProxyModel(this)), filter_(new QLineEdit(this)),
      classFilter_(new QComboBox(this)), layerFilter_(new QComboBox(this)),
      table_(new QTableView(this)) {
    filter_->setPlaceholderText(tr("Filter by name, note or class"));
    filter_->setClearButtonEnabled(true);
    classFilter_->setToolTip(tr("Show one class"));
    layerFilter_->setToolTip(tr("Show one layer"));
    sorted_->setSourceModel(model_);
    sorted_->setSortRole(AnnotationTableModel::SortRole);
    table_->setModel(sorted_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(-1, Qt::AscendingOrder); // document order until a header is clicked
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setEditTriggers(QAbstractItemView::EditKeyPressed); // F2; double-click zooms
    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    // Every column as wide as its header and values: in a narrow dock the table scrolls
    // (the name first) rather than cutting headers to "Un…" and "nnota…".
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setTextElideMode(Qt::ElideNone);
    table_->setWordWrap(false);

    auto* filters = new QHBoxLayout;
    filters->addWidget(classFilter_, 1);
    filters->addWidget(layerFilter_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(filter_);
    layout->addLayout(filters);
    layout->addWidget(table_, 1);

    connect(filter_, &QLineEdit::textChanged, this, &AnnotationListPanel::applyFilter);
    connect(classFilter_, &QComboBox::currentIndexChanged, this, &AnnotationListPanel::applyFilter);
    connect(layerFilter_, &QComboBox::currentIndexChanged, this, &AnnotationListPanel::applyFilter);
    connect(table_, &QTableView::doubleClicked, this, &AnnotationListPanel::zoomTo);
    connect(table_, &QWidget::customContextMenuRequested, this,
            &AnnotationListPanel::showContextMenu);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AnnotationListPanel::tableSelectionChanged);
    // A model reset clears the table's selection: put the session's back.
    connect(model_, &QAbstractItemModel::modelReset, this,
            &AnnotationListPanel::sessionSelectionChanged);
    refreshFilterChoices();
}

void AnnotationListPanel::setSession(AnnotationSession* session, Scale scale) {
    if (session_)
        disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    if (session_) {
        connect(session_, &AnnotationSession::changed, this,
                &AnnotationListPanel::refreshFilterChoices);
        connect(session_, &AnnotationSession::selectionChanged, this,
                &AnnotationListPanel::sessionSelectionChanged);
    }
    refreshFilterChoices();
    model_->setSession(session, scale);
    applyFilter();
    table_->resizeColumnsToContents();
}

void AnnotationListPanel::setFilterText(const QString& text) {
    filter_->setText(text);
}

void AnnotationListPanel::refreshFilterChoices() {
    std::vector<std::pair<QString, QVariant>> classes{{tr("All classes"), QVariant()},
                                                      {tr("Unclassified"), QString()}};
    std::vector<std::pair<QString, QVariant>> layers{{tr("All layers"), QVariant()}};
    if (session_) {
        for (const AnnotationClass& c : session_->document().classes)
            classes.emplace_back(QString::fromStdString(c.name), QString::fromStdString(c.name));
        const auto& docLayers = session_->document().layers;
        for (size_t l = 0; l < docLayers.size(); ++l)
            layers.emplace_back(QString::fromStdString(docLayers[l].name), qulonglong(l));
    }
    refill(classFilter_, classes);
    refill(layerFilter_, layers);
}

void AnnotationListPanel::applyFilter() {
    const QVariant c = classFilter_->currentData();
    const QVariant l = layerFilter_->currentData();
    model_->setFilter(filter_->text(),
                      c.isValid() ? std::optional<std::string>(c.toString().toStdString())
                                  : std::nullopt,
                      l.isValid() ? std::optional<size_t>(l.toULongLong()) : std::nullopt);
}

std::vector<std::string> AnnotationListPanel::selectedIds() const {
    std::vector<std::string> ids;
    for (const QModelIndex& row : table_->selectionModel()->selectedRows())
        if (const Annotation* a = model_->annotationAt(sorted_->mapToSource(row).row()))
            ids.push_back(a->id);
    return ids;
}

void AnnotationListPanel::tableSelectionChanged() {
    if (syncing_ || !session_)
        return;
    syncing_ = true;
    session_->setSelection(selectedIds());
    syncing_ = false;
}

void AnnotationListPanel::sessionSelectionChanged() {
    if (syncing_ || !session_)
        return;
    syncing_ = true;
    QItemSelection selection;
    for (const std::string& id : session_->selection())
        if (const auto row = model_->rowOf(id)) {
            const QModelIndex first = sorted_->mapFromSource(model_->index(*row, 0));
            selection.select(first, first.siblingAtColumn(AnnotationTableModel::ColumnCount - 1));
        }
    table_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!selection.isEmpty())
        table_->scrollTo(selection.indexes().constLast());
    syncing_ = false;
}

void AnnotationListPanel::zoomTo(const QModelIndex& index) {
    if (const Annotation* a = model_->annotationAt(sorted_->mapToSource(index).row())) {
        const auto b = a->geometry.bounds();
        emit zoomToRequested(QRectF(QPointF(b.minX, b.minY), QPointF(b.maxX, b.maxY)));
    }
}

void AnnotationListPanel::showContextMenu(const QPoint& position) {
    const std::vector<std::string> ids = selectedIds();
    if (!session_ || ids.empty())
        return;
    QPointer<AnnotationSession> session = session_;
    QMenu menu(this);
    const QModelIndex at = table_->indexAt(position);
    menu.addAction(tr("Zoom To"), this, [this, at] { zoomTo(at); })->setEnabled(at.isValid());
    menu.addAction(tr("Rename…"), this,
                   [this, at] { table_->edit(at.siblingAtColumn(AnnotationTableModel::Name)); })
        ->setEnabled(at.isValid() && ids.size() == 1);
    QMenu* classes = menu.addMenu(tr("Set Class"));
    const auto classify = [session, ids](const std::string& name) {
        if (session)
            session->setAnnotationValue(
                ids, &Annotation::className, name,
                tr("Set class of %n annotation(s)", nullptr, int(ids.size())));
    };
    classes->addAction(tr("Unclassified"), this, [classify] { classify({}); });
    for (const AnnotationClass& c : session_->document().classes) {
        QPixmap swatch(12, 12);
        swatch.fill(QColor::fromRgb(QRgb(c.rgb)));
        classes->addAction(QIcon(swatch), QString::fromStdString(c.name), this,
                           [classify, name = c.name] { classify(name); });
    }
    menu.addAction(tr("Set Colour…"), this, [this, session, ids] {
        const QColor colour = QColorDialog::getColor(Qt::yellow, this, tr("Annotation colour"));
        if (colour.isValid() && session)
            session->setAnnotationValue(ids, &Annotation::rgb,
                                        std::optional<uint32_t>(colour.rgb() & 0xFFFFFF),
                                        tr("Set colour"));
    });
    menu.addAction(tr("Use Class Colour"), this, [session, ids] {
        if (session)
            session->setAnnotationValue(ids, &Annotation::rgb, std::optional<uint32_t>(),
                                        tr("Use class colour"));
    });
    menu.addSeparator();
    menu.addAction(tr("Lock"), this, [session, ids] {
        if (session)
            session->setAnnotationValue(ids, &Annotation::locked, true, tr("Lock"));
    });
    menu.addAction(tr("Unlock"), this, [session, ids] {
        if (session)
            session->setAnnotationValue(ids, &Annotation::locked, false, tr("Unlock"));
    });
    menu.addSeparator();
    menu.addAction(tr("Delete"), this, [session, ids] {
        if (session)
            session->removeAnnotations(ids);
    });
    menu.exec(table_->viewport()->mapToGlobal(position));
}

} // namespace lamina
