#include "panels/PluginsPanel.h"

#include "SlideView.h"
#include "annotation/AnnotationSession.h"
#include "overlay/OverlayStack.h"

#include <lamina/core/Error.h>
#include <lamina/pluginhost/PluginJob.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace lamina {
namespace {

const QString kTissueDetector = QStringLiteral("tissue-detection");

// Decimals enough to show the range's and the default's precision.
int decimalsFor(const PluginParameter& p) {
    int decimals = 2;
    for (double v : {p.minimum.value_or(1), p.maximum.value_or(1), p.defaultValue.toDouble()})
        for (int d = decimals; d <= 4; ++d)
            if (std::abs(v * std::pow(10, d) - std::round(v * std::pow(10, d))) < 1e-9) {
                decimals = std::max(decimals, d);
                break;
            }
    return decimals;
}

} // namespace

PluginsPanel::PluginsPanel(const PluginRegistry& registry, QWidget* parent)
    : QWidget(parent), registry_(registry) {
    auto* layout = new QVBoxLayout(this);
    pluginBox_ = new QComboBox;
    pluginBox_->setObjectName(QStringLiteral("plugin"));
    description_ = new QLabel;
    description_->setWordWrap(true);
    unavailable_ = new QLabel;
    unavailable_->setWordWrap(true);
    unavailable_->setStyleSheet(QStringLiteral("color: #b05000"));
    formHolder_ = new QWidget;
    form_ = new QFormLayout(formHolder_);
    form_->setContentsMargins(0, 0, 0, 0);
    targetBox_ = new QComboBox;
    targetBox_->setObjectName(QStringLiteral("target"));
    targetBox_->addItem(tr("Current view"), int(Target::CurrentView));
    targetBox_->addItem(tr("Selected annotation"), int(Target::SelectedAnnotation));
    targetBox_->addItem(tr("Whole tissue"), int(Target::WholeTissue));
    run_ = new QPushButton(tr("Run"));
    run_->setObjectName(QStringLiteral("run"));
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setObjectName(QStringLiteral("cancel"));
    cancel_->setEnabled(false);
    progress_ = new QProgressBar;
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setFormat(tr("%v / %m tiles"));
    status_ = new QLabel;
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    layout->addWidget(pluginBox_);
    layout->addWidget(description_);
    layout->addWidget(formHolder_);
    auto* targetRow = new QFormLayout;
    targetRow->setContentsMargins(0, 0, 0, 0);
    targetRow->addRow(tr("Run on"), targetBox_);
    layout->addLayout(targetRow);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    layout->addLayout(buttons);
    layout->addWidget(progress_);
    // The status takes the free height: a dock does not give word-wrapped labels the height
    // their text needs, and an error must be readable in full.
    status_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    status_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    layout->addWidget(status_, 1);
    layout->addWidget(unavailable_);

    // Available plugins first; unavailable ones are listed, greyed out, with the reason.
    QStringList reasons;
    for (const PluginEntry& e : registry_.plugins())
        if (e.available())
            pluginBox_->addItem(e.description.name, e.description.id);
    for (const PluginEntry& e : registry_.plugins())
        if (!e.available()) {
            const QString name =
                e.description.name.isEmpty() ? QFileInfo(e.file).fileName() : e.description.name;
            pluginBox_->addItem(tr("%1 (unavailable)").arg(name), QString());
            const int row = pluginBox_->count() - 1;
            pluginBox_->setItemData(row, e.unavailableReason, Qt::ToolTipRole);
            if (auto* model = qobject_cast<QStandardItemModel*>(pluginBox_->model()))
                model->item(row)->setEnabled(false);
            reasons << tr("%1: %2").arg(name, e.unavailableReason);
        }
    if (!reasons.isEmpty())
        unavailable_->setText(tr("Unavailable plugins:\n%1").arg(reasons.join('\n')));
    unavailable_->setVisible(!reasons.isEmpty());
    if (registry_.plugins().empty())
        description_->setText(tr("No analysis plugins were found. Lamina looks in:\n%1")
                                  .arg(PluginRegistry::defaultFolders().join('\n')));

    connect(pluginBox_, &QComboBox::currentIndexChanged, this, &PluginsPanel::pluginChanged);
    connect(run_, &QPushButton::clicked, this, &PluginsPanel::runPlugin);
    connect(cancel_, &QPushButton::clicked, this, &PluginsPanel::cancelRun);
    pluginChanged();
    setView(nullptr);
}

const PluginEntry* PluginsPanel::currentEntry() const {
    const QString id = pluginBox_->currentData().toString();
    for (const PluginEntry& e : registry_.plugins())
        if (e.available() && e.description.id == id)
            return &e;
    return nullptr;
}

OverlayStack* PluginsPanel::stack() const {
    return view_ && view_->annotationSession() ? &view_->annotationSession()->overlays() : nullptr;
}

QWidget* PluginsPanel::editor(const QString& parameter) const {
    const auto it = editors_.find(parameter);
    return it == editors_.end() ? nullptr : it->second;
}

bool PluginsPanel::setParameter(const QString& name, const QString& text) {
    QWidget* e = editor(name);
    if (auto* d = qobject_cast<QDoubleSpinBox*>(e))
        d->setValue(text.toDouble());
    else if (auto* i = qobject_cast<QSpinBox*>(e))
        i->setValue(text.toInt());
    else if (auto* c = qobject_cast<QComboBox*>(e)) {
        if (c->findText(text) < 0)
            return false; // not one of the choices
        c->setCurrentText(text);
    } else if (auto* b = qobject_cast<QCheckBox*>(e))
        b->setChecked(text == QLatin1String("true") || text == QLatin1String("1"));
    else if (auto* l = qobject_cast<QLineEdit*>(e))
        l->setText(text);
    else
        return false;
    return true;
}

void PluginsPanel::selectPlugin(const QString& id) {
    const int i = pluginBox_->findData(id);
    if (i >= 0)
        pluginBox_->setCurrentIndex(i);
}

void PluginsPanel::setTarget(Target target) {
    targetBox_->setCurrentIndex(targetBox_->findData(int(target)));
}

void PluginsPanel::pluginChanged() {
    const PluginEntry* entry = currentEntry();
    description_->setText(entry ? entry->description.description : QString());
    buildForm(entry ? *entry : PluginEntry{});
    run_->setEnabled(entry && stack());
}

void PluginsPanel::buildForm(const PluginEntry& entry) {
    while (form_->rowCount() > 0)
        form_->removeRow(0);
    editors_.clear();
    for (const PluginParameter& p : entry.description.parameters) {
        QWidget* editor = nullptr;
        QWidget* row = nullptr;
        switch (p.type) {
        case PluginParameter::Type::Number: {
            auto* spin = new QDoubleSpinBox;
            spin->setDecimals(decimalsFor(p));
            spin->setRange(p.minimum.value_or(-1e9), p.maximum.value_or(1e9));
            spin->setValue(p.defaultValue.toDouble());
            spin->setSingleStep(std::pow(10.0, -spin->decimals() + 1));
            editor = spin;
            break;
        }
        case PluginParameter::Type::Integer: {
            auto* spin = new QSpinBox;
            spin->setRange(int(std::max(-1e9, p.minimum.value_or(-1e9))),
                           int(std::min(1e9, p.maximum.value_or(1e9))));
            spin->setValue(p.defaultValue.toInt());
            editor = spin;
            break;
        }
        case PluginParameter::Type::Choice: {
            auto* box = new QComboBox;
            box->addItems(p.choices);
            box->setCurrentText(p.defaultValue.toString());
            editor = box;
            break;
        }
        case PluginParameter::Type::Boolean: {
            auto* check = new QCheckBox;
            check->setChecked(p.defaultValue.toBool());
            editor = check;
            break;
        }
        case PluginParameter::Type::FilePath: {
            auto* line = new QLineEdit(p.defaultValue.toString());
            line->setPlaceholderText(tr("choose a file…"));
            auto* browse = new QToolButton;
            browse->setText(QStringLiteral("…"));
            browse->setToolTip(tr("Choose the file"));
            connect(browse, &QToolButton::clicked, line, [line, label = p.label, this] {
                const QString path = QFileDialog::getOpenFileName(this, label, line->text());
                if (!path.isEmpty())
                    line->setText(path);
            });
            row = new QWidget;
            auto* h = new QHBoxLayout(row);
            h->setContentsMargins(0, 0, 0, 0);
            h->addWidget(line, 1);
            h->addWidget(browse);
            editor = line;
            break;
        }
        case PluginParameter::Type::Text:
            editor = new QLineEdit(p.defaultValue.toString());
            break;
        }
        editor->setObjectName(p.name);
        editor->setToolTip(p.help);
        auto* label = new QLabel(p.label);
        label->setToolTip(p.help);
        label->setWordWrap(true);
        form_->addRow(label, row ? row : editor);
        editors_[p.name] = editor;
    }
    // Fields that only apply to some settings of another (a fixed threshold's value) are
    // greyed out with their label otherwise.
    for (const PluginParameter& p : entry.description.parameters) {
        if (p.enabledWhenParameter.isEmpty())
            continue;
        QWidget* controller = editors_.at(p.enabledWhenParameter);
        QWidget* field = editors_.at(p.name);
        QWidget* shown = field->parentWidget() != formHolder_ && field->parentWidget()
                             ? field->parentWidget() // a file field's row
                             : field;
        QWidget* label = form_->labelForField(shown);
        const auto update = [controller, shown, label, values = p.enabledWhenValues] {
            QString value;
            if (auto* c = qobject_cast<QComboBox*>(controller))
                value = c->currentText();
            else if (auto* b = qobject_cast<QCheckBox*>(controller))
                value = b->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
            const bool enabled = values.contains(value);
            shown->setEnabled(enabled);
            if (label)
                label->setEnabled(enabled);
        };
        if (auto* c = qobject_cast<QComboBox*>(controller))
            connect(c, &QComboBox::currentTextChanged, shown, update);
        else if (auto* b = qobject_cast<QCheckBox*>(controller))
            connect(b, &QCheckBox::toggled, shown, update);
        update();
    }
    formHolder_->setVisible(!editors_.empty());
}

std::map<std::string, std::string> PluginsPanel::formValues() const {
    std::map<std::string, std::string> values;
    for (const auto& [name, editor] : editors_) {
        QString text;
        if (auto* d = qobject_cast<QDoubleSpinBox*>(editor))
            text = QString::number(d->value(), 'g', 12);
        else if (auto* i = qobject_cast<QSpinBox*>(editor))
            text = QString::number(i->value());
        else if (auto* c = qobject_cast<QComboBox*>(editor))
            text = c->currentText();
        else if (auto* b = qobject_cast<QCheckBox*>(editor))
            text = b->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
        else if (auto* l = qobject_cast<QLineEdit*>(editor)) {
            text = l->text();
            if (text.isEmpty()) // an empty file or text field: the plugin's default
                continue;
        }
        values[name.toStdString()] = text.toStdString();
    }
    return values;
}

void PluginsPanel::setView(SlideView* view) {
    disconnect(stackChanged_);
    disconnect(stackEnded_);
    view_ = view;
    watching_ = 0;
    if (OverlayStack* s = stack()) {
        stackChanged_ = connect(s, &OverlayStack::changed, this, &PluginsPanel::refreshProgress);
        stackEnded_ = connect(s, &OverlayStack::jobEnded, this, &PluginsPanel::jobEnded);
        // Show a run still going on this slide (started before switching tabs).
        for (size_t i = s->size(); i-- > 0;)
            if (s->at(i).state == PluginOverlay::State::Running) {
                watching_ = s->at(i).serial;
                break;
            }
    }
    // The status line speaks of this slide: its running analysis, else nothing (it used to
    // keep the previous slide's result).
    const OverlayStack* s = stack();
    const auto running = s && watching_ ? s->indexOf(watching_) : std::nullopt;
    showStatus(running ? tr("%1: running…").arg(s->at(*running).title()) : QString(), false);
    run_->setEnabled(currentEntry() && stack());
    refreshProgress();
}

bool PluginsPanel::runPlugin() {
    const PluginEntry* entry = currentEntry();
    OverlayStack* overlays = stack();
    if (!entry || !overlays || !view_)
        return false;
    const auto target = Target(targetBox_->currentData().toInt());
    const SlideSource& slide = view_->slide();
    const double slideW = double(slide.dimensions().width);
    const double slideH = double(slide.dimensions().height);
    try {
        PluginRunRequest base;
        base.parameters = entry->description.resolveParameters(formValues());
        base.width = slideW;
        base.height = slideH;
        std::vector<PluginRunRequest> requests;
        const PluginEntry* tissue = nullptr;
        QString targetName;
        switch (target) {
        case Target::CurrentView: {
            const QSizeF viewport = view_->viewportDevicePixels();
            const Camera& camera = view_->camera();
            const QRectF seen =
                camera.visibleSlideRect(viewport).intersected(QRectF(0, 0, slideW, slideH));
            if (seen.isEmpty())
                throw Error(ErrorKind::InvalidArgument, tr("the view").toStdString(),
                            "shows no part of the slide");
            PluginRunRequest r = base;
            r.x = seen.x(), r.y = seen.y(), r.width = seen.width(), r.height = seen.height();
            if (camera.rotation != 0) // a turned view: only what is on screen
                for (QPointF corner : {QPointF(0, 0), QPointF(viewport.width(), 0),
                                       QPointF(viewport.width(), viewport.height()),
                                       QPointF(0, viewport.height())}) {
                    const QPointF p = camera.toSlide(corner, viewport);
                    r.outline.emplace_back(p.x(), p.y());
                }
            requests.push_back(std::move(r));
            targetName = tr("current view");
            break;
        }
        case Target::SelectedAnnotation: {
            AnnotationSession* session = view_->annotationSession();
            const std::string& id = session->selectedId();
            const auto where = id.empty() ? std::nullopt : session->document().find(id);
            if (!where)
                throw Error(ErrorKind::InvalidArgument, tr("Selected annotation").toStdString(),
                            tr("select an area annotation first").toStdString());
            const Annotation& a =
                session->document().layers[where->layer].annotations[where->index];
            targetName = a.name.empty() ? tr("annotation") : QString::fromStdString(a.name);
            requests.push_back(requestInside(base, a.geometry, targetName.toStdString()));
            targetName = tr("annotation %1").arg(targetName);
            break;
        }
        case Target::WholeTissue:
            tissue = &registry_.find(kTissueDetector);
            requests.push_back(base);
            targetName = tr("whole tissue");
            break;
        }
        // Unsaved drawing goes to disk first (in the background, as autosave does): whatever
        // the run does, nothing drawn before Run is lost.
        if (AnnotationSession* session = view_->annotationSession())
            session->saveNow();
        PluginOverlay& started =
            overlays->start(*entry, view_->slidePtr(), std::move(requests), targetName, tissue);
        watching_ = started.serial;
        showStatus(tr("Running %1…").arg(started.title()), false);
    } catch (const std::exception& e) {
        showStatus(QString::fromStdString(e.what()), true);
        return false;
    }
    refreshProgress();
    return true;
}

void PluginsPanel::cancelRun() {
    OverlayStack* s = stack();
    if (!s || !watching_)
        return;
    if (const auto i = s->indexOf(watching_)) {
        s->cancel(*i);
        cancel_->setEnabled(false);
        showStatus(tr("Cancelling…"), false);
    }
}

void PluginsPanel::refreshProgress() {
    OverlayStack* s = stack();
    const auto i = s && watching_ ? s->indexOf(watching_) : std::nullopt;
    const PluginOverlay* o = i ? &s->at(*i) : nullptr;
    const bool running = o && o->state == PluginOverlay::State::Running;
    cancel_->setEnabled(running);
    progress_->setMaximum(int(std::max<size_t>(1, o ? o->tileCount : 1)));
    progress_->setValue(o ? int(o->tilesDone) : 0);
    // Whole tissue: the bar is busy (no count) until tissue is found.
    if (running && o->tileCount == 0)
        progress_->setRange(0, 0);
}

void PluginsPanel::jobEnded(size_t index) {
    OverlayStack* s = stack();
    if (!s || index >= s->size() || s->at(index).serial != watching_)
        return;
    const PluginOverlay& o = s->at(index);
    switch (o.state) {
    case PluginOverlay::State::Finished: {
        QString text = tr("%1: done, %n tile(s)", nullptr, int(o.tilesDone)).arg(o.title());
        if (o.cachedTiles > 0)
            text += tr(" (%n from earlier runs)", nullptr, int(o.cachedTiles));
        if (o.detectionCount() > 0)
            text += tr(", %n detection(s)", nullptr, int(o.detectionCount()));
        if (!o.saveError.isEmpty())
            text += tr(". Not saved: %1").arg(o.saveError);
        showStatus(text, !o.saveError.isEmpty());
        break;
    }
    case PluginOverlay::State::Failed:
        showStatus(tr("%1 failed: %2").arg(o.title(), o.error), true);
        break;
    case PluginOverlay::State::Cancelled:
        showStatus(tr("%1 cancelled; the tiles finished are kept.").arg(o.title()), false);
        break;
    case PluginOverlay::State::Running:
        break;
    }
    emit statusMessage(status_->text());
    refreshProgress();
}

void PluginsPanel::showStatus(const QString& text, bool isError) {
    status_->setText(text);
    status_->setStyleSheet(isError ? QStringLiteral("color: #c0392b") : QString());
}

} // namespace lamina
