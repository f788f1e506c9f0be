#include <lamina/core/Error.h>
#include <lamina/render/export/FhirReportBundle.h>

#include <fmt/format.h>

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUuid>

#include <cstdio>

namespace lamina {
namespace {

QString newFullUrl() {
    return "urn:uuid:" + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A reference to another entry by its full URL; `type` says what it is (a urn:uuid does not).
QJsonObject reference(const QString& fullUrl, const char* type) {
    return {{"reference", fullUrl}, {"type", type}};
}

QJsonObject coding(const char* system, const char* code, const char* display) {
    return {{"system", system}, {"code", code}, {"display", display}};
}

QJsonObject codeableConcept(const QJsonObject& codingValue, const QString& text = {}) {
    QJsonObject c{{"coding", QJsonArray{codingValue}}};
    if (!text.isEmpty())
        c["text"] = text;
    return c;
}

QString base64Png(const QImage& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QString::fromLatin1(bytes.toBase64());
}

QString instant(const QDateTime& when) {
    return when.toUTC().toString(Qt::ISODate); // "2026-11-28T10:00:00Z"
}

QJsonObject measurementCode(const ReportMeasurement& m) {
    const char* system = "urn:lamina:measurement";
    const QString subject = QString::fromStdString(
        m.className.empty() ? std::string("unclassified annotation") : m.className);
    switch (m.kind) {
    case ShapeKind::Point:
    case ShapeKind::MultiPoint:
        return codeableConcept(coding(system, "count", "Count"), "Count of " + subject);
    case ShapeKind::Line:
    case ShapeKind::Polyline:
        return codeableConcept(coding(system, "length", "Length"), "Length of " + subject);
    default:
        return codeableConcept(coding(system, "area", "Area"), "Area of " + subject);
    }
}

QString regionNote(const ReportSnapshot& s) {
    // A file's text: '.' decimals whatever the locale (fmt never reads it).
    QString note = QString::fromStdString(
        fmt::format("Region {:.0f},{:.0f} {:.0f} x {:.0f} level-0 pixels", s.region.left(),
                    s.region.top(), s.region.width(), s.region.height()));
    if (s.snapshot.micronsPerPixel)
        note +=
            QString::fromStdString(fmt::format(" at {:.3g} µm/px", *s.snapshot.micronsPerPixel));
    for (const auto& m : s.measurements) {
        note += QString::fromUtf8("; ") +
                QString::fromStdString(m.className.empty() ? "unclassified" : m.className);
        if (!m.annotationName.empty())
            note += " \"" + QString::fromStdString(m.annotationName) + "\"";
        note += ": " + QString::fromStdString(describeMeasurement(m, QLocale::c()));
    }
    return note;
}

QJsonObject entry(const QString& fullUrl, const QJsonObject& resource) {
    return {{"fullUrl", fullUrl}, {"resource", resource}};
}

} // namespace

QByteArray fhirReportBundle(const Report& report) {
    QJsonArray entries;
    QJsonObject diagnostic{
        {"resourceType", "DiagnosticReport"},
        {"status", "preliminary"},
        {"category",
         QJsonArray{codeableConcept(
             coding("http://terminology.hl7.org/CodeSystem/v2-0074", "SP", "Surgical Pathology"))}},
        {"code", codeableConcept(coding("http://loinc.org", "11526-1", "Pathology study"),
                                 "Digital pathology review")},
        {"issued", instant(report.issued)},
    };
    const QString diagnosticUrl = newFullUrl();

    // The slide: a Specimen always (Lamina's id), an ImagingStudy when it is DICOM.
    const QString specimenUrl = newFullUrl();
    entries.append(
        entry(specimenUrl,
              {{"resourceType", "Specimen"},
               {"identifier",
                QJsonArray{QJsonObject{{"system", "urn:lamina:slide-id"},
                                       {"value", QString::fromStdString(report.slideId.text())}}}},
               {"type", QJsonObject{{"text", "Slide"}}},
               {"note", QJsonArray{QJsonObject{
                            {"text", "Slide " + QString::fromStdString(report.slideName)}}}}}));
    diagnostic["specimen"] = QJsonArray{reference(specimenUrl, "Specimen")};
    std::optional<QString> studyUrl;
    if (report.dicomUids) {
        studyUrl = newFullUrl();
        const auto& [study, series] = *report.dicomUids;
        entries.append(entry(
            *studyUrl,
            {{"resourceType", "ImagingStudy"},
             {"status", "available"},
             {"identifier",
              QJsonArray{QJsonObject{{"system", "urn:dicom:uid"},
                                     {"value", "urn:oid:" + QString::fromStdString(study)}}}},
             {"subject", QJsonObject{{"display", "Patient not included in this export"}}},
             {"series", QJsonArray{QJsonObject{
                            {"uid", QString::fromStdString(series)},
                            {"modality", coding("http://dicom.nema.org/resources/ontology/DCM",
                                                "SM", "Slide Microscopy")}}}}}));
        diagnostic["imagingStudy"] = QJsonArray{reference(*studyUrl, "ImagingStudy")};
    }

    QJsonArray media, results;
    const auto addMedia = [&](const QImage& image, const QString& title, const QString& note) {
        const QString url = newFullUrl();
        QJsonObject resource{
            {"resourceType", "Media"},
            {"status", "completed"},
            {"type", codeableConcept(coding("http://terminology.hl7.org/CodeSystem/media-type",
                                            "image", "Image"))},
            {"subject", reference(specimenUrl, "Specimen")},
            {"width", image.width()},
            {"height", image.height()},
            {"content", QJsonObject{{"contentType", "image/png"},
                                    {"data", base64Png(image)},
                                    {"title", title}}},
            {"note", QJsonArray{QJsonObject{{"text", note}}}}};
        if (studyUrl)
            resource["partOf"] = QJsonArray{reference(*studyUrl, "ImagingStudy")};
        entries.append(entry(url, resource));
        media.append(QJsonObject{{"comment", title}, {"link", reference(url, "Media")}});
        return url;
    };

    int number = 0;
    for (const auto& s : report.snapshots) {
        ++number;
        const QString title = s.snapshot.caption.empty()
                                  ? QString("Snapshot %1").arg(number)
                                  : QString::fromStdString(s.snapshot.caption);
        const QString mediaUrl = addMedia(s.snapshot.image, title, regionNote(s));
        for (const auto& m : s.measurements) {
            const MeasuredQuantity q = quantityOf(m);
            QJsonArray derivedFrom{reference(mediaUrl, "Media")};
            if (studyUrl)
                derivedFrom.append(reference(*studyUrl, "ImagingStudy"));
            QJsonObject observation{
                {"resourceType", "Observation"},
                {"status", "preliminary"},
                {"code", measurementCode(m)},
                {"specimen", reference(specimenUrl, "Specimen")},
                {"derivedFrom", derivedFrom},
                {"valueQuantity", QJsonObject{{"value", q.value},
                                              {"unit", QString::fromStdString(q.unit)},
                                              {"system", "http://unitsofmeasure.org"},
                                              {"code", QString::fromStdString(q.ucum)}}}};
            QString note = "Annotation " + QString::fromStdString(m.annotationId);
            if (!m.annotationName.empty())
                note += " \"" + QString::fromStdString(m.annotationName) + "\"";
            observation["note"] = QJsonArray{QJsonObject{{"text", note}}};
            const QString url = newFullUrl();
            entries.append(entry(url, observation));
            results.append(reference(url, "Observation"));
        }
    }
    if (report.label)
        addMedia(*report.label, "Slide label",
                 "Slide label image, included at the user's explicit request: it may identify "
                 "the patient.");

    if (!media.isEmpty())
        diagnostic["media"] = media;
    if (!results.isEmpty())
        diagnostic["result"] = results;
    if (!report.conclusion.empty())
        diagnostic["conclusion"] = QString::fromStdString(report.conclusion);
    entries.prepend(entry(diagnosticUrl, diagnostic));

    const QJsonObject bundle{
        {"resourceType", "Bundle"},
        {"identifier", QJsonObject{{"system", "urn:ietf:rfc:3986"}, {"value", newFullUrl()}}},
        {"type", "collection"},
        {"timestamp", instant(report.issued)},
        {"entry", entries}};
    return QJsonDocument(bundle).toJson(QJsonDocument::Indented);
}

void writeFhirReportBundle(const Report& report, const std::filesystem::path& path) {
    const QByteArray bundle = fhirReportBundle(report);
    QSaveFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::WriteOnly) || file.write(bundle) != bundle.size() || !file.commit())
        throw Error(ErrorKind::Io, path.string(),
                    "cannot write: " + file.errorString().toStdString());
}

} // namespace lamina
