#include "dialogs/OpenFromArchiveDialog.h"

#include "BackgroundWork.h"
#include "dialogs/ArchiveSignInBox.h"

#include <lamina/core/Error.h>
#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <optional>

namespace lamina {
namespace {

QTableWidget* makeTable(const QStringList& headers, QWidget* parent) {
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void setRow(QTableWidget* table, int row, const QStringList& cells, const QString& uid) {
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells[c]);
        item->setData(Qt::UserRole, uid);
        table->setItem(row, c, item);
    }
}

// "DOE^JANE" -> "DOE, JANE"; "20261129" -> "2026-11-29": as a pathologist reads them.
QString readableName(const std::string& dicom) {
    QStringList parts = QString::fromStdString(dicom).split(QLatin1Char('^'));
    while (!parts.isEmpty() && parts.last().isEmpty())
        parts.removeLast();
    return parts.join(QStringLiteral(", "));
}

QString readableDate(const std::string& dicom) {
    const QString d = QString::fromStdString(dicom);
    return d.size() == 8 ? d.left(4) + QLatin1Char('-') + d.mid(4, 2) + QLatin1Char('-') + d.mid(6)
                         : d;
}

} // namespace

OpenFromArchiveDialog::OpenFromArchiveDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Open from Archive"));
    auto* layout = new QVBoxLayout(this);

    signIn_ = new ArchiveSignInBox(this);
    connect(signIn_, &ArchiveSignInBox::keychainFinished, this,
            &OpenFromArchiveDialog::keychainFinished);
    layout->addWidget(signIn_);

    auto* filters = new QGroupBox(tr("Find slides"), this);
    auto* filterRow = new QHBoxLayout(filters);
    const auto filter = [&](const QString& placeholder, const QString& tip) {
        auto* edit = new QLineEdit(filters);
        edit->setPlaceholderText(placeholder);
        edit->setToolTip(tip);
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::returnPressed, this, &OpenFromArchiveDialog::search);
        filterRow->addWidget(edit);
        return edit;
    };
    patientName_ = filter(tr("Patient name"), tr("Matches names starting with this text"));
    patientId_ = filter(tr("Patient ID"), tr("Matches IDs starting with this text"));
    studyDate_ = filter(tr("Study date"), tr("YYYYMMDD, or a range YYYYMMDD-YYYYMMDD"));
    accession_ = filter(tr("Accession number"), QString());
    auto* searchButton = new QPushButton(tr("&Search"), filters);
    connect(searchButton, &QPushButton::clicked, this, &OpenFromArchiveDialog::search);
    filterRow->addWidget(searchButton);
    layout->addWidget(filters);

    studies_ = makeTable({tr("Patient"), tr("Patient ID"), tr("Date"), tr("Description"),
                          tr("Accession"), tr("Series")},
                         this);
    series_ = makeTable({tr("Series"), tr("Description"), tr("Instances")}, this);
    layout->addWidget(new QLabel(tr("Studies with slides:"), this));
    layout->addWidget(studies_, 3);
    layout->addWidget(new QLabel(tr("Slides (series) of the selected study:"), this));
    layout->addWidget(series_, 2);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextFormat(Qt::RichText);
    layout->addWidget(status_);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(buttons_, &QDialogButtonBox::accepted, this, &OpenFromArchiveDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons_);

    connect(studies_, &QTableWidget::itemSelectionChanged, this, [this] {
        series_->setRowCount(0);
        const auto selected = studies_->selectedItems();
        if (!selected.isEmpty())
            searchSeries(selected.first()->data(Qt::UserRole).toString());
        updateOpenButton();
    });
    connect(series_, &QTableWidget::itemSelectionChanged, this,
            &OpenFromArchiveDialog::updateOpenButton);
    connect(series_, &QTableWidget::itemDoubleClicked, this, &OpenFromArchiveDialog::accept);
    connect(signIn_, &ArchiveSignInBox::addressChanged, this,
            &OpenFromArchiveDialog::updateOpenButton);
    updateOpenButton();
    resize(900, 640);
}

QString OpenFromArchiveDialog::serviceRoot() const {
    return signIn_->serviceRoot();
}

void OpenFromArchiveDialog::setServiceRoot(const QString& root) {
    signIn_->setServiceRoot(root);
}

DicomWebCredentials OpenFromArchiveDialog::credentials() const {
    return signIn_->credentials();
}

QCheckBox* OpenFromArchiveDialog::rememberBox() const {
    return signIn_->rememberBox();
}

QLabel* OpenFromArchiveDialog::keychainLabel() const {
    return signIn_->keychainLabel();
}

QString OpenFromArchiveDialog::seriesAddress() const {
    // A pasted series address opens as it is; otherwise the selected study and series.
    if (const auto url = DicomWebSeriesUrl::parse(signIn_->addressText().toStdString()))
        return QString::fromStdString(url->toString());
    const auto study = studies_->selectedItems();
    const auto series = series_->selectedItems();
    if (study.isEmpty() || series.isEmpty())
        return {};
    return serviceRoot() + QStringLiteral("/studies/") +
           study.first()->data(Qt::UserRole).toString() + QStringLiteral("/series/") +
           series.first()->data(Qt::UserRole).toString();
}

void OpenFromArchiveDialog::updateOpenButton() {
    buttons_->button(QDialogButtonBox::Open)->setEnabled(!seriesAddress().isEmpty());
}

void OpenFromArchiveDialog::showError(const QString& message) {
    status_->setText(
        QStringLiteral("<span style=\"color:#b00020\">%1</span>").arg(message.toHtmlEscaped()));
}

template <typename Result>
void OpenFromArchiveDialog::ask(std::function<Result(const DicomWebClient&)> work,
                                std::function<void(const Result&)> done) {
    const std::string root = serviceRoot().toStdString();
    const DicomWebOptions options = signIn_->clientOptions();
    const uint64_t generation = ++generation_;
    status_->setText(tr("Asking the archive…"));
    struct Answer {
        std::optional<Result> result;
        QString error;
    };
    lamina::runInBackground(
        this,
        [root, options, work] {
            Answer answer;
            try {
                const DicomWebClient client(root, options);
                answer.result = work(client);
            } catch (const Error& e) {
                answer.error = QString::fromStdString(e.what());
            } catch (const std::exception& e) {
                answer.error = QString::fromUtf8(e.what());
            }
            return answer;
        },
        [this, generation, done](const Answer& answer) {
            if (generation != generation_)
                return; // a newer request is under way
            if (answer.result) {
                status_->clear();
                done(*answer.result);
            } else {
                showError(answer.error);
            }
            emit searchFinished(bool(answer.result));
        });
}

void OpenFromArchiveDialog::search() {
    if (serviceRoot().isEmpty()) {
        showError(tr("Give the archive's DICOMweb address first."));
        return;
    }
    DicomWebStudyQuery query;
    query.patientName = patientName_->text().trimmed().toStdString();
    query.patientId = patientId_->text().trimmed().toStdString();
    query.studyDate = studyDate_->text().trimmed().toStdString();
    query.accessionNumber = accession_->text().trimmed().toStdString();
    studies_->setRowCount(0);
    series_->setRowCount(0);
    ask<std::vector<DicomWebStudy>>(
        [query](const DicomWebClient& client) { return client.searchStudies(query); },
        [this](const std::vector<DicomWebStudy>& found) {
            studies_->setRowCount(int(found.size()));
            for (int i = 0; i < int(found.size()); ++i) {
                const DicomWebStudy& s = found[size_t(i)];
                setRow(studies_, i,
                       {readableName(s.patientName), QString::fromStdString(s.patientId),
                        readableDate(s.studyDate), QString::fromStdString(s.studyDescription),
                        QString::fromStdString(s.accessionNumber),
                        s.seriesCount ? QString::number(s.seriesCount) : QString()},
                       QString::fromStdString(s.studyUid));
            }
            studies_->resizeColumnsToContents();
            status_->setText(found.empty()
                                 ? tr("No study with slides matches.")
                                 : tr("%n study(ies) with slides.", "", int(found.size())));
            // The archive accepted these details: keep or forget them as asked.
            signIn_->afterSuccess();
            if (found.size() == 1)
                studies_->selectRow(0);
        });
}

void OpenFromArchiveDialog::searchSeries(const QString& studyUid) {
    const std::string study = studyUid.toStdString();
    ask<std::vector<DicomWebSeries>>(
        [study](const DicomWebClient& client) { return client.searchSeries(study); },
        [this](const std::vector<DicomWebSeries>& found) {
            series_->setRowCount(int(found.size()));
            for (int i = 0; i < int(found.size()); ++i) {
                const DicomWebSeries& s = found[size_t(i)];
                setRow(series_, i,
                       {s.seriesNumber ? QString::number(s.seriesNumber) : QString(),
                        QString::fromStdString(s.seriesDescription),
                        s.instanceCount ? QString::number(s.instanceCount) : QString()},
                       QString::fromStdString(s.seriesUid));
            }
            series_->resizeColumnsToContents();
            if (found.size() == 1)
                series_->selectRow(0);
            if (found.empty())
                status_->setText(tr("This study holds no slide microscopy series."));
        });
}

void OpenFromArchiveDialog::accept() {
    if (seriesAddress().isEmpty())
        return;
    // A pasted series address opens without a search: the keychain choice applies now.
    signIn_->commit();
    QDialog::accept();
}

} // namespace lamina
