#include "dialogs/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace lamina {
namespace {

// "&Open…" -> "Open…" ("&&" stays a literal "&").
QString plainText(QString text) {
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}

QString keysOf(const QAction* action) {
    QStringList keys;
    for (const QKeySequence& k : action->shortcuts())
        keys << k.toString(QKeySequence::NativeText);
    keys.removeDuplicates(); // Redo is Ctrl+Shift+Z twice on some platforms
    return keys.join(QStringLiteral(", "));
}

struct Row {
    QString where, action, keys;
};

// Every action of `menu` and its submenus, with the path of menus leading to it.
void collect(const QMenu* menu, const QString& path, QList<Row>& rows, QSet<const QAction*>& seen) {
    for (const QAction* a : menu->actions()) {
        if (a->isSeparator())
            continue;
        if (const QMenu* sub = a->menu()) {
            collect(sub, path + QStringLiteral(" › ") + plainText(sub->title()), rows, seen);
            continue;
        }
        if (a->text().isEmpty() || seen.contains(a))
            continue;
        seen.insert(a);
        rows.append({path, plainText(a->text()), keysOf(a)});
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QMainWindow& window, QWidget* parent)
    : QDialog(parent), search_(new QLineEdit(this)), table_(new QTableWidget(0, 3, this)) {
    setWindowTitle(tr("Keyboard Shortcuts"));
    QList<Row> rows;
    QSet<const QAction*> seen;
    for (const QAction* top : window.menuBar()->actions())
        if (const QMenu* menu = top->menu())
            collect(menu, plainText(menu->title()), rows, seen);
    // Toolbar actions outside the menus (the annotation tools, for instance).
    for (const QToolBar* bar : window.findChildren<QToolBar*>())
        for (const QAction* a : bar->actions())
            if (!a->isSeparator() && !a->text().isEmpty() && !seen.contains(a) && !a->menu()) {
                seen.insert(a);
                rows.append({plainText(bar->windowTitle()), plainText(a->text()), keysOf(a)});
            }
    // Keys first, then actions without keys, each in menu order.
    std::stable_partition(rows.begin(), rows.end(), [](const Row& r) { return !r.keys.isEmpty(); });

    search_->setPlaceholderText(tr("Search actions, menus or keys…"));
    search_->setClearButtonEnabled(true);
    table_->setHorizontalHeaderLabels({tr("Action"), tr("Keys"), tr("Menu")});
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        table_->setItem(i, 0, new QTableWidgetItem(rows[i].action));
        table_->setItem(i, 1, new QTableWidgetItem(rows[i].keys));
        table_->setItem(i, 2, new QTableWidgetItem(rows[i].where));
    }
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(search_, &QLineEdit::textChanged, this, &ShortcutsDialog::applySearch);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(search_);
    layout->addWidget(table_, 1);
    layout->addWidget(buttons);
    resize(720, 640);
}

int ShortcutsDialog::visibleRows() const {
    int n = 0;
    for (int row = 0; row < table_->rowCount(); ++row)
        n += !table_->isRowHidden(row);
    return n;
}

void ShortcutsDialog::applySearch(const QString& text) {
    const QString wanted = text.trimmed();
    for (int row = 0; row < table_->rowCount(); ++row) {
        bool match = wanted.isEmpty();
        for (int column = 0; column < 3 && !match; ++column)
            match = table_->item(row, column)->text().contains(wanted, Qt::CaseInsensitive);
        table_->setRowHidden(row, !match);
    }
}

} // namespace lamina
