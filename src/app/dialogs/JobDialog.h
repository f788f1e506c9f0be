#pragma once
// A dialog that runs one long job at a time (a DICOM export, a send to an archive) on the
// app's background pool, with a progress bar, a status line, a start button and Cancel: the
// window stays responsive, Close while running cancels first, and the dialog waits for its
// job before it goes. Subclasses lay out their fields, add progressBar(), statusLabel() and
// buttons() (Close, startButton(), cancelButton()) and call runJob().
// Thread-safety: GUI thread only; the job touches only its copies, reports through the
// thread-safe JobProgress and an atomic cancel flag, and its outcome arrives on the GUI
// thread (dropped if the dialog is gone).

#include <QDialog>

#include <atomic>
#include <functional>
#include <future>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace lamina {

// Called by the job: the fraction done (0..1) and, when not empty, a new status text;
// returns false when the user cancelled (the job then throws lamina::Error(Cancelled)).
using JobProgress = std::function<bool(double fraction, const QString& status)>;

struct JobOutcome {
    bool ok = false;
    QString message; // what was done, or why not (the error names the file or the archive)
    QString made;    // what the job made, for the dialog (a folder, a series address)
};

class JobDialog : public QDialog {
    Q_OBJECT
public:
    ~JobDialog() override; // cancels and waits for a running job

    bool isRunning() const { return running_; }
    void cancel() { cancelRequested_ = true; }
    QProgressBar* progressBar() const { return progress_; }
    QLabel* statusLabel() const { return status_; }
    QPushButton* startButton() const { return startButton_; }

signals:
    // After the job ended: ok, or the reason (cancelled, or the error).
    void jobFinished(bool ok, const QString& message);

protected:
    // `startText`: the start button's text ("&Export", "&Send"); `cancelText`: the cancel
    // button's (empty: "&Cancel").
    JobDialog(const QString& startText, QWidget* parent, const QString& cancelText = {});

    QDialogButtonBox* buttons() const { return buttons_; }
    QPushButton* cancelButton() const { return cancelButton_; }
    // Starts `job` in the background with `startStatus` shown; false when one is running.
    // A lamina::Error(Cancelled) from the job becomes `cancelledMessage`; other exceptions
    // become their text.
    bool runJob(const QString& startStatus, const QString& cancelledMessage,
                std::function<JobOutcome(const JobProgress& progress)> job);
    // Back on the GUI thread when the job ended (before jobFinished).
    virtual void jobEnded(const JobOutcome&) {}
    void showStatus(const QString& message, bool isError);

    void reject() override; // Close while running = Cancel first

private:
    QProgressBar* progress_;
    QLabel* status_;
    QDialogButtonBox* buttons_;
    QPushButton* startButton_;
    QPushButton* cancelButton_;
    std::future<void> worker_;
    std::atomic<bool> cancelRequested_ = false;
    bool running_ = false;
};

} // namespace lamina
