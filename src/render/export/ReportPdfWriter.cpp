#include <lamina/core/Error.h>
#include <lamina/render/ShapeKindLabel.h>
#include <lamina/render/export/ReportPdfWriter.h>

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>
#include <cmath>

// The report is read by people: its text is in the UI's language (context "ReportPdf"; the
// app installs the translators), its numbers in the UI locale.

namespace lamina {
namespace {

QString escaped(const std::string& text) {
    return QString::fromStdString(text).toHtmlEscaped();
}

QString measurementRow(const ReportMeasurement& m) {
    return "<tr><td>" +
           (m.className.empty() ? QCoreApplication::translate("ReportPdf", "(unclassified)")
                                : escaped(m.className)) +
           "</td><td>" + escaped(m.annotationName) + "</td><td>" +
           shapeKindLabel(m.kind).toHtmlEscaped() + "</td><td align=\"right\">" +
           escaped(describeMeasurement(m)) + "</td></tr>";
}

// A measurement table with its header row and `rows`; `newPage`: it starts a page.
QString measurementTable(const QStringList& rows, bool newPage) {
    return QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" "
                          "width=\"100%\"%1><tr><th align=\"left\">")
               .arg(newPage ? QStringLiteral(" style=\"page-break-before: always\"") : QString()) +
           QCoreApplication::translate("ReportPdf", "Class") + "</th><th align=\"left\">" +
           QCoreApplication::translate("ReportPdf", "Name") + "</th><th align=\"left\">" +
           QCoreApplication::translate("ReportPdf", "Shape") + "</th><th align=\"right\">" +
           QCoreApplication::translate("ReportPdf", "Measurement") + "</th></tr>" +
           rows.join(QString()) + "</table>";
}

// The report's HTML, paginated as the PDF will print it. QTextDocument lets a table run
// across pages but stretches the last row before each break to the page's bottom and
// continues without the header; so tables are cut here into page-sized pieces, each with its
// header, from heights measured by laying the same HTML out in the same page width, fonts and
// style sheet.
class PaginatedHtml {
public:
    PaginatedHtml(QSizeF page, QString styleSheet)
        : width_(page.width()), styleSheet_(std::move(styleSheet)) {
        margin_ = QTextDocument().documentMargin();
        // Each page keeps the document's margins; a little slack for rounding.
        pageHeight_ = page.height() - 2 * margin_ - 6;
    }

    // HTML that flows; `newPage`: its first element carries page-break-before.
    void add(const QString& html, bool newPage = false) {
        if (newPage)
            sincePageStart_.clear();
        html_ += html;
        sincePageStart_ += html;
    }

    void addTable(const std::vector<ReportMeasurement>& measurements) {
        if (measurements.empty()) {
            add("<p><i>" + QCoreApplication::translate("ReportPdf", "No annotations measured.") +
                "</i></p>");
            return;
        }
        // A table ending the document adds no line after it (an empty document has one).
        const double headerOnly = height(measurementTable({}, false));
        const double header = headerOnly - 2 * margin_;
        double used = std::fmod(std::max(0.0, height(sincePageStart_) - 2 * margin_), pageHeight_);
        QStringList chunk;
        bool chunkOnNewPage = false;
        for (const ReportMeasurement& m : measurements) {
            const QString row = measurementRow(m);
            const double rowHeight = height(measurementTable({row}, false)) - headerOnly;
            const double room = pageHeight_ - used - (chunk.isEmpty() ? header : 0);
            if (rowHeight > room && (!chunk.isEmpty() || used > 0)) {
                if (!chunk.isEmpty())
                    add(measurementTable(chunk, chunkOnNewPage), chunkOnNewPage);
                chunk.clear();
                chunkOnNewPage = true;
                used = 0;
            }
            if (chunk.isEmpty())
                used += header;
            chunk << row;
            used += rowHeight;
        }
        add(measurementTable(chunk, chunkOnNewPage), chunkOnNewPage);
    }

    QString html() const { return "<html><body>" + html_ + "</body></html>"; }

private:
    // Height (points) of `body` laid out on one endless page of the report's width.
    double height(const QString& body) const {
        QTextDocument probe;
        probe.setDefaultStyleSheet(styleSheet_);
        probe.setPageSize(QSizeF(width_, 1e9));
        probe.setHtml("<html><body>" + body + "</body></html>");
        return probe.documentLayout()->documentSize().height();
    }

    double width_;
    QString styleSheet_;
    double margin_ = 0, pageHeight_ = 0;
    QString html_, sincePageStart_;
};

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
    const QString styleSheet = "body { font-size: 10pt; } h1 { font-size: 16pt; } "
                               "h2 { font-size: 13pt; } th { background: #e8e8e8; }";
    document.setDefaultStyleSheet(styleSheet);
    PaginatedHtml out(page, styleSheet);
    std::vector<ReportMeasurement> all;
    for (const auto& s : report.snapshots)
        all.insert(all.end(), s.measurements.begin(), s.measurements.end());

    QString html = "<h1>" +
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
    html += "<h2>" + QCoreApplication::translate("ReportPdf", "Measurements") + "</h2>";
    out.add(html);
    out.addTable(all);

    int number = 0;
    for (const auto& s : report.snapshots) {
        ++number;
        const QString url = QString("lamina-snapshot://%1").arg(number);
        document.addResource(QTextDocument::ImageResource, QUrl(url), s.snapshot.image);
        html = "<h2 style=\"page-break-before: always\">" +
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
        out.add(html, true);
        out.addTable(s.measurements);
    }
    if (report.label) {
        const QString url = "lamina-label://1";
        document.addResource(QTextDocument::ImageResource, QUrl(url), *report.label);
        html = "<h2 style=\"page-break-before: always\">" +
               QCoreApplication::translate("ReportPdf", "Slide label") + "</h2><p><b>" +
               QCoreApplication::translate("ReportPdf",
                                           "Warning: the slide label may identify the patient.") +
               "</b> " +
               QCoreApplication::translate("ReportPdf",
                                           "It was included at the user's explicit request.") +
               "</p><p>" + imageTag(url, *report.label, page.width(), page.height() * 0.5) + "</p>";
        out.add(html, true);
    }
    document.setHtml(out.html());
    document.print(&pdf);
    if (!file.commit())
        throw Error(ErrorKind::Io, path.string(),
                    "cannot write: " + file.errorString().toStdString());
}

} // namespace lamina
