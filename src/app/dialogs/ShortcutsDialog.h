#pragma once
// Help › Keyboard Shortcuts: every action of the window's menus and toolbars with its keys,
// searchable by name, menu or key. The list is read from the actions themselves (text,
// shortcuts, the menu they sit in), so it cannot drift from what the keys do.
// Thread-safety: GUI thread only.

#include <QDialog>
#include <QString>

class QLineEdit;
class QMainWindow;
class QTableWidget;

namespace lamina {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QMainWindow& window, QWidget* parent = nullptr);

    QLineEdit* searchField() const { return search_; }
    QTableWidget* table() const { return table_; }
    // Rows not hidden by the search.
    int visibleRows() const;

private:
    void applySearch(const QString& text);

    QLineEdit* search_;
    QTableWidget* table_;
};

} // namespace lamina
