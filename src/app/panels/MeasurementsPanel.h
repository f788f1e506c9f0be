#pragma once
// Measurements dock: totals per class and per layer for the current slide (count, area,
// length, points, in µm² / µm when the slide has MPP, else in pixels, said in the headers),
// and "Export CSV…" for every annotation's measurements. Totals are recomputed a moment
// after the last change, and only while the dock is shown: measuring 100 000 shapes on
// every mouse move of a drag would stall the view.
// Thread-safety: GUI thread only.

#include <lamina/annotation/Measurements.h>

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace lamina {

class AnnotationSession;

class MeasurementsPanel : public QWidget {
    Q_OBJECT
public:
    explicit MeasurementsPanel(QWidget* parent = nullptr);
    void setSession(AnnotationSession* session, Scale scale, QString slideName);

    QTableWidget* table() const { return table_; }
    // Writes the CSV; returns an error message ("" = written).
    QString exportCsv(const QString& path) const;
    void recompute();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scheduleRecompute();
    void chooseCsvFile();

    QPointer<AnnotationSession> session_;
    Scale scale_;
    QString slideName_;
    QLabel* units_;
    QTableWidget* table_;
    QPushButton* export_;
    QTimer debounce_;
};

} // namespace lamina
