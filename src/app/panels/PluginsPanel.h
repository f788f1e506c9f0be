#pragma once
// Analysis dock: the overlay plugins found (unavailable ones listed with the reason), the
// chosen plugin's description and a parameter form generated from its metadata (numbers and
// whole numbers with their ranges, choices, check boxes, file paths with a browse button,
// text), what to run it on (the current view, the selected annotation, or the whole tissue),
// Run and Cancel, a progress bar and the outcome (errors in red, naming the parameter or the
// plugin's failure). Results go to the slide's OverlayStack and appear tile by tile.
// Thread-safety: GUI thread only.

#include <lamina/pluginhost/PluginRegistry.h>

#include <QPointer>
#include <QWidget>

#include <map>
#include <string>

class QComboBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace lamina {

class OverlayStack;
class SlideView;

class PluginsPanel : public QWidget {
    Q_OBJECT
public:
    enum class Target { CurrentView, SelectedAnnotation, WholeTissue };

    PluginsPanel(const PluginRegistry& registry, QWidget* parent = nullptr);
    void setView(SlideView* view); // the current tab's view; nullptr: no slide

    QComboBox* pluginBox() const { return pluginBox_; }
    QComboBox* targetBox() const { return targetBox_; }
    QPushButton* runButton() const { return run_; }
    QPushButton* cancelButton() const { return cancel_; }
    QProgressBar* progress() const { return progress_; }
    QLabel* status() const { return status_; }
    // The form's editor for a parameter (QDoubleSpinBox, QSpinBox, QComboBox, QCheckBox or
    // QLineEdit), null when the plugin has no such parameter.
    QWidget* editor(const QString& parameter) const;

    // Sets a parameter's editor from text as typed (false: no such parameter, or not one of
    // its choices).
    bool setParameter(const QString& name, const QString& text);
    void selectPlugin(const QString& id);
    void setTarget(Target target);
    // Starts the chosen plugin on the chosen target; false (with the reason shown) when it
    // cannot start.
    bool runPlugin();
    void cancelRun();

signals:
    void statusMessage(const QString& text);

private:
    void pluginChanged();
    void buildForm(const PluginEntry& entry);
    std::map<std::string, std::string> formValues() const;
    void refreshProgress();
    void jobEnded(size_t index);
    void showStatus(const QString& text, bool isError);
    const PluginEntry* currentEntry() const;
    OverlayStack* stack() const;

    const PluginRegistry& registry_;
    QPointer<SlideView> view_;
    QComboBox* pluginBox_;
    QLabel* description_;
    QLabel* unavailable_;
    QWidget* formHolder_;
    QFormLayout* form_;
    std::map<QString, QWidget*> editors_;
    QComboBox* targetBox_;
    QPushButton* run_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QLabel* status_;
    QMetaObject::Connection stackChanged_, stackEnded_;
    uint64_t watching_ = 0; // serial of the overlay whose run the bar shows (0: none)
};

} // namespace lamina
