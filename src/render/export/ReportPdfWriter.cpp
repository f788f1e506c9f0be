#include <lamina/core/Error.h>
#include <lamina/render/export/ReportPdfWriter.h>

#include <QCoreApplication>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>

// The report is read by people: its text is in the UI's language (context "ReportPdf"; the
// app installs the translators), its numbers in the UI locale.

namespace lamina {
namespace {

QString escaped(const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped();
}

QString measurementRows(const std::vector<ReportMeasurement>& measurements) {
    QString rows;
    for (const auto& m : measurements)
        rows += "<tr><td>" +
                (m.className.empty() ? QCoreApplication::translate("ReportPdf", "(unclassified)")
                                     : escaped(m.className)) +
                "</td><td>" + escaped(m.annotationName) + "</td><td>" +
                escaped(shapeKindName(m.kind)) + "</td><td align=\"right\">" +
                escaped(describeMeasurement(m)) + "</td></tr>";
    return rows;
}

QString measurementTable(const std::vector<ReportMeasurement>& measurements) {
    if (measurements.empty())
        return "<p><i>" + QCoreApplication::translate("ReportPdf", "No annotations measured.") +
               "</i></p>";
    // <thead>: the header row repeats on every page the table runs onto.
    return "<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\">"
           "<thead><tr><th align=\"left\">" +
           QCoreApplication::translate("ReportPdf", "Class") + "</th><th align=\"left\">" +
           QCoreApplication::translate("ReportPdf", "Name") + "</th><th align=\"left\">" +
           QCoreApplication::translate("ReportPdf", "Shape") + "</th><th align=\"right\">" +
           QCoreApplication::translate("ReportPdf", "Measurement") + "</th></tr></thead><tbody>" +
           measurementRows(measurements) + "</tbody></table>";
}

// The image at most `maxWidth` x `maxHeight` layout pixels, aspect kept.
QString imageTag(const QString& url, const QImage& image, double maxWidth, double maxHeight) {
    const double scale = std::min(
        {1.0, maxWidth / std::max(1, image.width()), maxHeight / std::max(1, image.height())});
    return QString("<img src=\"%1\" width=\"%2\" height=\"%3\">")
        .arg(url)
        .arg(int(image.width() * scale))
        .arg(int(image.height() * scale));
}

} // namespace

void writeReportPdf(const Report& report, const std::filesystem::path& path) {
    QSaveFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::WriteOnly))
        throw Error(ErrorKind::Io, path.string(),
                    "cannot write: " + file.errorString().toStdString());
    QPdfWriter pdf(&file);
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                  QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
    pdf.setTitle(QCoreApplication::translate("ReportPdf", "Pathology report") + " — " +
                 QString::fromStdString(report.slideName));
    pdf.setCreator("Lamina");

    QTextDocument document;
    // Layout in points: the A4 text area is 180 x 267 mm = 510 x 757 pt.
    const QSizeF page = pdf.pageLayout().paintRect(QPageLayout::Point).size();
    document.setPageSize(page);
    document.setDefaultStyleSheet("body { font-size: 10pt; } h1 { font-size: 16pt; } "
                                  "h2 { font-size: 13pt; } th { background: #e8e8e8; }");
    std::vector<ReportMeasurement> all;
    for (const auto& s : report.snapshots)
        all.insert(all.end(), s.measurements.begin(), s.measurements.end());

    QString html = "<html><body><h1>" +
                   QCoreApplication::translate("ReportPdf", "Pathology report (preliminary)") +
                   "</h1>";
    html += "<p><b>" + QCoreApplication::translate("ReportPdf", "Slide:") + "</b> " +
            escaped(report.slideName) + "<br><b>" +
            QCoreApplication::translate("ReportPdf", "Slide id:") + "</b> " +
            escaped(report.slideId.text());
    if (report.dicomUids)
        html += "<br><b>" + QCoreApplication::translate("ReportPdf", "Study UID:") + "</b> " +
                escaped(report.dicomUids->first) + "<br><b>" +
                QCoreApplication::translate("ReportPdf", "Series UID:") + "</b> " +
                escaped(report.dicomUids->second);
    html += "<br><b>" + QCoreApplication::translate("ReportPdf", "Issued:") + "</b> " +
            report.issued.toUTC().toString("yyyy-MM-dd HH:mm 'UTC'") + "<br><b>" +
            QCoreApplication::translate("ReportPdf", "Snapshots:") + "</b> " +
            QString::number(report.snapshots.size()) + "</p>";
    if (report.userEnteredMicronsPerPixel)
        html += "<p><b>" +
                QCoreApplication::translate(
                    "ReportPdf",
                    "Pixel size entered by the user: %1 µm per pixel. The slide's file states "
                    "none; every length and area below depends on this value.")
                    .arg(QLocale().toString(*report.userEnteredMicronsPerPixel, 'g', 6)) +
                "</b></p>";
    html +=
        "<h2>" + QCoreApplication::translate("ReportPdf", "Conclusion") + "</h2><p>" +
        (report.conclusion.empty()
             ? "<i>" + QCoreApplication::translate("ReportPdf", "No conclusion written.") + "</i>"
             : escaped(report.conclusion).replace("\n", "<br>")) +
        "</p>";
    html += "<h2>" + QCoreApplication::translate("ReportPdf", "Measurements") + "</h2>" +
            measurementTable(all);

    int number = 0;
    for (const auto& s : report.snapshots) {
        ++number;
        const QString url = QString("lamina-snapshot://%1").arg(number);
        document.addResource(QTextDocument::ImageResource, QUrl(url), s.snapshot.image);
        html += "<h2 style=\"page-break-before: always\">" +
                QCoreApplication::translate("ReportPdf", "Snapshot %1").arg(number) + "</h2>";
        html +=
            "<p>" + imageTag(url, s.snapshot.image, page.width(), page.height() * 0.62) + "</p>";
        // The caption is in the image's own band (it travels with the picture).
        html += "<p>" +
                QCoreApplication::translate("ReportPdf", "Region %1, %2, %3 × %4 level-0 pixels.")
                    .arg(s.region.left(), 0, 'f', 0)
                    .arg(s.region.top(), 0, 'f', 0)
                    .arg(s.region.width(), 0, 'f', 0)
                    .arg(s.region.height(), 0, 'f', 0) +
                "</p>";
        html += measurementTable(s.measurements);
    }
    if (report.label) {
        const QString url = "lamina-label://1";
        document.addResource(QTextDocument::ImageResource, QUrl(url), *report.label);
        html += "<h2 style=\"page-break-before: always\">" +
                QCoreApplication::translate("ReportPdf", "Slide label") + "</h2><p><b>" +
                QCoreApplication::translate("ReportPdf",
                                            "Warning: the slide label may identify the patient.") +
                "</b> " +
                QCoreApplication::translate("ReportPdf",
                                            "It was included at the user's explicit request.") +
                "</p><p>" + imageTag(url, *report.label, page.width(), page.height() * 0.5) +
                "</p>";
    }
    html += "</body></html>";
    document.setHtml(html);
    document.print(&pdf);
    if (!file.commit())
        throw Error(ErrorKind::Io, path.string(),
                    "cannot write: " + file.errorString().toStdString());
}

} // namespace lamina
