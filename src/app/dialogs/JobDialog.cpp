#include "dialogs/JobDialog.h"

#include "BackgroundWork.h"

#include <lamina/core/Error.h>

#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace lamina {

JobDialog::JobDialog(const QString& startText, QWidget* parent, const QString& cancelText)
    : QDialog(parent), progress_(new QProgressBar(this)), status_(new QLabel(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Close, this)) {
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    status_->setWordWrap(true);
    status_->setTextFormat(Qt::RichText);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse); // errors get copied into tickets
    startButton_ = buttons_->addButton(startText, QDialogButtonBox::AcceptRole);
    cancelButton_ = buttons_->addButton(cancelText.isEmpty() ? tr("&Cancel") : cancelText,
                                        QDialogButtonBox::ActionRole);
    cancelButton_->setEnabled(false);
    connect(buttons_, &QDialogButtonBox::rejected, this, &JobDialog::reject);
    connect(cancelButton_, &QPushButton::clicked, this, [this] { cancel(); });
}

JobDialog::~JobDialog() {
    cancelRequested_ = true;
    if (worker_.valid()) // the job reports to this dialog: it must end first
        worker_.wait();
}

void JobDialog::showStatus(const QString& message, bool isError) {
    status_->setText(
        isError
            ? QStringLiteral("<span style=\"color:#b00020\">%1</span>").arg(message.toHtmlEscaped())
            : message.toHtmlEscaped());
}

bool JobDialog::runJob(const QString& startStatus, const QString& cancelledMessage,
                       std::function<JobOutcome(const JobProgress& progress)> job) {
    if (running_)
        return false;
    cancelRequested_ = false;
    running_ = true;
    startButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    progress_->setValue(0);
    showStatus(startStatus, false);
    // The dialog waits for the job before it goes (destructor), so `this` outlives it.
    const JobProgress progress = [this](double fraction, const QString& status) {
        QMetaObject::invokeMethod(
            this,
            [this, fraction, status] {
                progress_->setValue(int(std::clamp(fraction, 0.0, 1.0) * 1000));
                if (!status.isEmpty())
                    showStatus(status, false);
            },
            Qt::QueuedConnection);
        return !cancelRequested_;
    };
    auto work = [job = std::move(job), progress, cancelledMessage] {
        try {
            return job(progress);
        } catch (const Error& e) {
            return JobOutcome{false,
                              e.kind() == ErrorKind::Cancelled ? cancelledMessage
                                                               : QString::fromStdString(e.what()),
                              {}};
        } catch (const std::exception& e) {
            return JobOutcome{false, QString::fromUtf8(e.what()), {}};
        }
    };
    worker_ = runInBackground(this, std::move(work), [this](const JobOutcome& outcome) {
        running_ = false;
        startButton_->setEnabled(true);
        cancelButton_->setEnabled(false);
        if (outcome.ok)
            progress_->setValue(progress_->maximum());
        showStatus(outcome.message, !outcome.ok);
        jobEnded(outcome);
        emit jobFinished(outcome.ok, outcome.message);
    });
    return true;
}

void JobDialog::reject() {
    if (running_) {
        cancel(); // the dialog closes when the job has stopped
        connect(this, &JobDialog::jobFinished, this, &QDialog::reject, Qt::SingleShotConnection);
        return;
    }
    QDialog::reject();
}

} // namespace lamina
