#pragma once
// The annotations of one session as table rows (name, class, shape, layer, measurements),
// filtered by text, class and layer. Rows refer to annotations by position and are rebuilt
// whenever the document changes; measurements are computed only for the rows a view asks
// for, so 100 000 annotations cost nothing until scrolled to. Renaming a row goes through
// an undo command like every other edit.
// Thread-safety: GUI thread only.

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/annotation/Measurements.h>

#include <QAbstractTableModel>
#include <QPointer>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace lamina {

class AnnotationSession;

class AnnotationTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Class, Shape, Layer, Area, Length, Points, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1; // numbers sort as numbers

    explicit AnnotationTableModel(QObject* parent = nullptr);

    void setSession(AnnotationSession* session, Scale scale);
    AnnotationSession* session() const { return session_; }

    // Filters: text found in name, note or class (case-insensitive); class name (nullopt =
    // any, "" = unclassified); layer index (nullopt = any).
    void setFilter(QString text, std::optional<std::string> className, std::optional<size_t> layer);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

    const Annotation* annotationAt(int row) const;
    std::optional<int> rowOf(const std::string& id) const;

private:
    void rebuild();
    bool accepts(const AnnotationLayer& layer, size_t layerIndex, const Annotation& a) const;

    QPointer<AnnotationSession> session_;
    Scale scale_;
    QString text_;
    std::optional<std::string> className_;
    std::optional<size_t> layer_;
    std::vector<AnnotationDocument::Location> rows_;
    std::unordered_map<std::string, int> rowById_;
};

} // namespace lamina
