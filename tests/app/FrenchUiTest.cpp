// The French UI: with the French translation installed (as `LC_ALL=fr_FR.UTF-8 lamina` does),
// every text of the window, its menus, docks and dialogs is French, Qt's own buttons too, and
// numbers use the decimal comma. A string left out of tr() shows up here as English.

#include "AnnotationActions.h"
#include "UiLanguage.h"
#include "ViewerHarness.h"
#include "dialogs/AboutDialog.h"
#include "dialogs/PreferencesDialog.h"
#include "dialogs/ShortcutsDialog.h"
#include "panels/PluginsPanel.h"

#include <lamina/render/ShapeKindLabel.h>
#include <lamina/render/ViewScale.h>

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QToolBar>

using namespace lamina;

namespace {

// Words of the English UI that are not French words: one of them in a shown text means a
// string that is not translated (or not marked for translation).
const QRegularExpression kEnglish(QStringLiteral(
    "\\b(the|and|of|with|Open|Save|File|Edit|View|Help|Tools|Slide|Slides|Show|Hide|"
    "Export|Import|Copy|Paste|Select|Settings|Recent|Close|Quit|Window|Rotate|"
    "Layer|Layers|Overview|Analysis|Add|Remove|Run|Cancel|Search|Navigate|Brush|Eraser|"
    "Ruler|Shortcuts|Keyboard|About|Focus|Retry|Failed|Measurements|Opacity|Lock|"
    "Draw|Drag|Click|Undo|Redo|Cut|Delete|Fit|Magnification|Size|Language|"
    "Colour|Colours|Name|Class|Shape|Value|Property|Level|Yes|No)\\b"));

QStringList englishIn(const QStringList& texts) {
    QStringList found;
    for (QString t : texts) {
        t.remove(QLatin1Char('&'));
        if (kEnglish.match(t).hasMatch())
            found << t;
    }
    return found;
}

// What a user reads in `root`: action texts and tips, labels, buttons, group and dock titles,
// list entries; not user data (file names, slide properties, class and plugin names).
QStringList shownTexts(QWidget& root, const QList<QWidget*>& skip) {
    QStringList texts;
    const auto skipped = [&](QObject* o) {
        for (QObject* p = o; p; p = p->parent())
            if (skip.contains(qobject_cast<QWidget*>(p)))
                return true;
        return false;
    };
    for (QAction* a : root.findChildren<QAction*>())
        if (!skipped(a) && !a->property("userData").toBool())
            texts << a->text() << a->toolTip();
    for (QLabel* l : root.findChildren<QLabel*>())
        if (!skipped(l))
            texts << l->text();
    for (QAbstractButton* b : root.findChildren<QAbstractButton*>())
        if (!skipped(b))
            texts << b->text() << b->toolTip();
    for (QGroupBox* g : root.findChildren<QGroupBox*>())
        if (!skipped(g))
            texts << g->title();
    for (QDockWidget* d : root.findChildren<QDockWidget*>())
        texts << d->windowTitle();
    for (QMenu* m : root.findChildren<QMenu*>())
        if (!skipped(m))
            texts << m->title();
    for (QComboBox* c : root.findChildren<QComboBox*>())
        if (!skipped(c) && !c->isEditable())
            for (int i = 0; i < c->count(); ++i)
                texts << c->itemText(i);
    texts.removeAll(QString());
    return texts;
}

} // namespace

class FrenchUiTest : public QObject {
    Q_OBJECT

private:
    test::ViewerHarness harness_;

private slots:
    void initTestCase() { QVERIFY(harness_.start()); }
    void cleanupTestCase() { harness_.stop(); }

    void theWindowIsFrenchThroughout() {
        MainWindow& window = harness_.window();
        QVERIFY(harness_.openShown());
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&Fichier"));
        // Slide data, plugin metadata, class names and recent files are not the UI's words.
        QList<QWidget*> skip{window.pluginsPanel(), window.annotationActions().currentClassBox()};
        for (QMenu* m : window.findChildren<QMenu*>())
            if (m->title() == QStringLiteral("Ouvrir un fichier &récent"))
                skip << m;
        const QStringList english = englishIn(shownTexts(window, skip));
        QVERIFY2(english.isEmpty(), qPrintable(english.join(QStringLiteral("\n"))));
    }

    void dialogsAndQtsOwnButtonsAreFrench() {
        MainWindow& window = harness_.window();
        PreferencesDialog preferences(256ull << 20, 0, QString(), QString(), &window);
        ShortcutsDialog shortcuts(window, &window);
        AboutDialog about(&window);
        for (QDialog* d : std::initializer_list<QDialog*>{&preferences, &shortcuts, &about}) {
            const QStringList english = englishIn(shownTexts(*d, {d->findChild<QTableWidget*>()}));
            QVERIFY2(english.isEmpty(), qPrintable(d->windowTitle() + ": " + english.join(", ")));
        }
        auto* buttons = preferences.findChild<QDialogButtonBox*>();
        QCOMPARE(buttons->button(QDialogButtonBox::Cancel)->text().remove(QLatin1Char('&')),
                 QStringLiteral("Annuler"));
    }

    // Shape kinds in tables, undo steps and the PDF report (files keep English keywords).
    void shapeNamesAreFrench() {
        QCOMPARE(shapeKindLabel(ShapeKind::Polygon), QStringLiteral("polygone"));
        QCOMPARE(shapeKindLabel(ShapeKind::Line), QStringLiteral("ligne"));
        QCOMPARE(shapeKindName(ShapeKind::Line), std::string("line"));
    }

    void numbersUseTheDecimalComma() {
        QCOMPARE(QLocale().decimalPoint(), QStringLiteral(","));
        QCOMPARE(formatMagnification(2.5), std::string("2,5×"));
        SlideView* view = harness_.openShown();
        view->setMagnification(2.5);
        QTRY_COMPARE(harness_.window()
                         .findChild<QComboBox*>(QStringLiteral("magnificationBox"))
                         ->currentText(),
                     QStringLiteral("2,5×"));
    }
};

int main(int argc, char** argv) {
    QTemporaryDir home;
    test::isolateUserFolders(home);
    QApplication app(argc, argv);
    if (!installUiLanguage(app, QLocale(QLocale::French, QLocale::France))) {
        qCritical("the French translation is not in the binary");
        return 1;
    }
    FrenchUiTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "FrenchUiTest.moc"
