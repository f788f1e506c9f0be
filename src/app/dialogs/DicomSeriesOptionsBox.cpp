#include "dialogs/DicomSeriesOptionsBox.h"

#include "BackgroundWork.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace lamina {
namespace {

enum PixelChoice { CopyWherePossible = 0, AllJpeg = 1, AllJpeg2000 = 2 };

// The attributes a pathologist or a secretary knows when sending a slide. De-identification
// replaces all of them (the slide identifier and the description can name the patient too).
struct FormField {
    const char* keyword;
    const char* label;
};
constexpr FormField kFields[] = {
    {"PatientName", QT_TRANSLATE_NOOP("lamina::DicomSeriesOptionsBox", "Patient name:")},
    {"PatientID", QT_TRANSLATE_NOOP("lamina::DicomSeriesOptionsBox", "Patient ID:")},
    {
        "AccessionNumber",
        QT_TRANSLATE_NOOP("lamina::DicomSeriesOptionsBox", "Accession number:"),
    },
    {"ContainerIdentifier",
     QT_TRANSLATE_NOOP("lamina::DicomSeriesOptionsBox", "Slide identifier:")},
    {"SeriesDescription",
     QT_TRANSLATE_NOOP("lamina::DicomSeriesOptionsBox", "Series description:")},
};

} // namespace

DicomSeriesOptionsBox::DicomSeriesOptionsBox(std::shared_ptr<const SlideSource> slide,
                                             QWidget* parent)
    : QWidget(parent), slide_(std::move(slide)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* who = new QGroupBox(tr("Patient and specimen"), this);
    auto* whoForm = new QFormLayout(who);
    for (const FormField& f : kFields) {
        auto* edit = new QLineEdit(who);
        edit->setObjectName(QString::fromLatin1(f.keyword));
        edit->setMaxLength(int(dicomValueMaxLength(f.keyword)));
        connect(edit, &QLineEdit::textChanged, this, &DicomSeriesOptionsBox::changed);
        whoForm->addRow(tr(f.label), edit);
        fields_[f.keyword] = edit;
    }
    fields_["PatientName"]->setToolTip(tr("As DICOM writes it: FAMILY^GIVEN"));
    fields_["SeriesDescription"]->setToolTip(tr("Default: the stain and the file name"));
    layout->addWidget(who);

    auto* privacy = new QGroupBox(tr("Privacy"), this);
    auto* privacyForm = new QFormLayout(privacy);
    deidentify_ = new QCheckBox(tr("De-identify (DICOM PS3.15 Basic Profile)"), privacy);
    deidentify_->setToolTip(
        tr("The patient becomes a pseudonym, dates move back by a fixed number of days, "
           "identifying attributes and the label are left out, UIDs are replaced"));
    privacyForm->addRow(deidentify_);
    pseudonym_ = new QLineEdit(privacy);
    pseudonym_->setObjectName(QStringLiteral("pseudonym"));
    pseudonym_->setPlaceholderText(tr("a random one (ANON-…)"));
    pseudonym_->setMaxLength(int(dicomValueMaxLength("PatientID")));
    privacyForm->addRow(tr("Pseudonym:"), pseudonym_);
    label_ = new QCheckBox(tr("Include the label and overview images (they can show the "
                              "patient's name)"),
                           privacy);
    thumbnail_ = new QCheckBox(tr("Include a thumbnail image"), privacy);
    privacyForm->addRow(label_);
    privacyForm->addRow(thumbnail_);
    layout->addWidget(privacy);

    auto* pixels = new QGroupBox(tr("Pixels"), this);
    auto* pixelsColumn = new QVBoxLayout(pixels);
    auto* pixelsRow = new QHBoxLayout;
    pixelsColumn->addLayout(pixelsRow);
    plan_ = new QLabel(tr("Checking which levels can be copied…"), pixels);
    plan_->setWordWrap(true);
    pixelsColumn->addWidget(plan_);
    pixels_ = new QComboBox(pixels);
    pixels_->addItem(tr("Copy stored JPEG / JPEG 2000 tiles (lossless)"));
    pixels_->addItem(tr("Encode every tile as JPEG"));
    pixels_->addItem(tr("Encode every tile as JPEG 2000 (lossless, larger)"));
    quality_ = new QSpinBox(pixels);
    quality_->setRange(1, 100);
    quality_->setValue(90);
    quality_->setPrefix(tr("quality "));
    quality_->setToolTip(tr("JPEG quality of encoded tiles"));
    pixelsRow->addWidget(pixels_, 1);
    pixelsRow->addWidget(quality_);
    layout->addWidget(pixels);

    for (QCheckBox* box : {deidentify_, label_, thumbnail_})
        connect(box, &QCheckBox::toggled, this, [this] {
            updateEnabled();
            emit changed();
        });
    connect(pseudonym_, &QLineEdit::textChanged, this, &DicomSeriesOptionsBox::changed);
    connect(pixels_, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        emit changed();
    });
    connect(quality_, &QSpinBox::valueChanged, this, &DicomSeriesOptionsBox::changed);
    connect(this, &DicomSeriesOptionsBox::changed, this, &DicomSeriesOptionsBox::updatePixelPlan);
    updateEnabled();
    runInBackground(
        this,
        [slide = slide_] {
            std::vector<bool> copyable;
            for (int level = 0; level < slide->levelCount(); ++level) {
                try {
                    copyable.push_back(storedTilesCopyable(*slide, level));
                } catch (const std::exception&) {
                    copyable.push_back(false); // the export will say what is wrong
                }
            }
            return copyable;
        },
        [this](const std::vector<bool>& copyable) {
            copyable_ = copyable;
            updatePixelPlan();
            emit pixelPlanKnown();
        });
}

void DicomSeriesOptionsBox::updatePixelPlan() {
    const QString encoding = pixels_->currentIndex() == AllJpeg2000
                                 ? tr("JPEG 2000 (lossless)")
                                 : tr("JPEG (quality %1)").arg(quality_->value());
    if (pixels_->currentIndex() != CopyWherePossible) {
        plan_->setText(tr("Every tile is decoded and encoded again as %1.").arg(encoding));
        return;
    }
    if (!copyable_) {
        plan_->setText(tr("Checking which levels can be copied…"));
        return;
    }
    QStringList copied;
    for (size_t level = 0; level < copyable_->size(); ++level)
        if ((*copyable_)[level])
            copied << QString::number(level + 1);
    const int all = int(copyable_->size());
    if (copied.isEmpty())
        plan_->setText(tr("No level is stored as JPEG or JPEG 2000 that DICOM can carry as it "
                          "is: every tile is encoded as %1.")
                           .arg(encoding));
    else if (copied.size() == all)
        plan_->setText(tr("All %n level(s) of the slide are copied without decoding: the "
                          "pixels stay exactly as scanned. Any smaller levels added (down to 1024 "
                          "pixels) are encoded as %1.",
                          "", all)
                           .arg(encoding));
    else
        plan_->setText(tr("Levels %1 of %2 are copied without decoding (lossless); the others "
                          "and any smaller levels added are encoded as %3.")
                           .arg(copied.join(QStringLiteral(", ")))
                           .arg(all)
                           .arg(encoding));
}

void DicomSeriesOptionsBox::updateEnabled() {
    const bool deidentified = deidentify_->isChecked();
    for (const auto& entry : fields_) {
        entry.second->setEnabled(!deidentified);
        entry.second->setPlaceholderText(deidentified
                                             ? tr("replaced: de-identified")
                                             : tr("from the slide, if it says; else left empty"));
    }
    pseudonym_->setEnabled(deidentified);
    if (deidentified)
        label_->setChecked(false); // the label can name the patient
    label_->setEnabled(!deidentified);
    quality_->setEnabled(pixels_->currentIndex() != AllJpeg2000);
}

QLineEdit* DicomSeriesOptionsBox::field(const std::string& keyword) const {
    const auto found = fields_.find(keyword);
    return found == fields_.end() ? nullptr : found->second;
}

DicomSlideWriteOptions DicomSeriesOptionsBox::options() const {
    DicomSlideWriteOptions o;
    for (const auto& [keyword, edit] : fields_) {
        const std::string value = edit->text().trimmed().toStdString();
        // De-identification replaces the patient: what was typed there is not written.
        if (!value.empty() && edit->isEnabled())
            o.attributes[keyword] = value;
    }
    o.deidentification.enabled = deidentify_->isChecked();
    if (o.deidentification.enabled)
        o.deidentification.pseudonym = pseudonym_->text().trimmed().toStdString();
    o.includeLabel = label_->isChecked();
    o.includeThumbnail = thumbnail_->isChecked();
    o.reencodeAll = pixels_->currentIndex() != CopyWherePossible;
    o.reencoding = pixels_->currentIndex() == AllJpeg2000 ? DicomReencoding::Jpeg2000Lossless
                                                          : DicomReencoding::Jpeg;
    o.quality = quality_->value();
    return o;
}

QString DicomSeriesOptionsBox::validationError() const {
    const DicomSlideWriteOptions o = options();
    for (const auto& [keyword, value] : o.attributes)
        if (const std::string why = checkDicomKeywordValue(keyword, value); !why.empty())
            return QString::fromStdString(why);
    if (!o.deidentification.pseudonym.empty())
        if (const std::string why =
                checkDicomKeywordValue("PatientID", o.deidentification.pseudonym);
            !why.empty())
            return tr("Pseudonym: %1").arg(QString::fromStdString(why));
    return {};
}

} // namespace lamina
