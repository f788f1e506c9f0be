#include "panels/AnnotationTableModel.h"

#include "annotation/AnnotationSession.h"

#include <lamina/render/AnnotationPainter.h>
#include <lamina/render/ShapeKindLabel.h>

#include <QColor>

namespace lamina {

AnnotationTableModel::AnnotationTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void AnnotationTableModel::setSession(AnnotationSession* session, Scale scale) {
    if (session_)
        disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    scale_ = scale;
    if (session_)
        connect(session_, &AnnotationSession::changed, this, &AnnotationTableModel::rebuild);
    rebuild();
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1); // units may differ
}

void AnnotationTableModel::setFilter(QString text, std::optional<std::string> className,
                                     std::optional<size_t> layer) {
    text_ = std::move(text);
    className_ = std::move(className);
    layer_ = layer;
    rebuild();
}

bool AnnotationTableModel::accepts(const AnnotationLayer&, size_t layerIndex,
                                   const Annotation& a) const {
    if (layer_ && *layer_ != layerIndex)
        return false;
    if (className_ && *className_ != a.className)
        return false;
    if (text_.isEmpty())
        return true;
    for (const std::string* field : {&a.name, &a.note, &a.className})
        if (QString::fromStdString(*field).contains(text_, Qt::CaseInsensitive))
            return true;
    return false;
}

void AnnotationTableModel::rebuild() {
    beginResetModel();
    rows_.clear();
    rowById_.clear();
    if (session_) {
        const AnnotationDocument& doc = session_->document();
        for (size_t l = 0; l < doc.layers.size(); ++l)
            for (size_t i = 0; i < doc.layers[l].annotations.size(); ++i)
                if (accepts(doc.layers[l], l, doc.layers[l].annotations[i])) {
                    rowById_.emplace(doc.layers[l].annotations[i].id, int(rows_.size()));
                    rows_.push_back({l, i});
                }
    }
    endResetModel();
}

int AnnotationTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int AnnotationTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

const Annotation* AnnotationTableModel::annotationAt(int row) const {
    if (!session_ || row < 0 || row >= int(rows_.size()))
        return nullptr;
    const auto& where = rows_[size_t(row)];
    return &session_->document().layers[where.layer].annotations[where.index];
}

std::optional<int> AnnotationTableModel::rowOf(const std::string& id) const {
    const auto it = rowById_.find(id);
    return it == rowById_.end() ? std::nullopt : std::optional<int>(it->second);
}

QVariant AnnotationTableModel::data(const QModelIndex& index, int role) const {
    const Annotation* a = annotationAt(index.row());
    if (!a)
        return {};
    const AnnotationLayer& layer = session_->document().layers[rows_[size_t(index.row())].layer];
    const auto measured = [&] { return measure(a->geometry, scale_); };
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case SortRole:
        switch (index.column()) {
        case Name:
            return QString::fromStdString(a->name);
        case Class:
            return a->className.empty() ? (role == Qt::DisplayRole ? tr("Unclassified") : QString())
                                        : QString::fromStdString(a->className);
        case Shape:
            return shapeKindLabel(a->geometry.kind);
        case Layer:
            return QString::fromStdString(layer.name);
        case Area:
            if (!a->geometry.isArea())
                return role == SortRole ? QVariant(0.0) : QVariant();
            return role == SortRole ? QVariant(measured().area)
                                    : QVariant(QString::number(measured().area, 'f', 1));
        case Length: {
            const auto m = measured();
            const double value = a->geometry.isArea() ? m.perimeter : m.length;
            if (value == 0)
                return role == SortRole ? QVariant(0.0) : QVariant();
            return role == SortRole ? QVariant(value) : QVariant(QString::number(value, 'f', 1));
        }
        case Points: {
            const auto m = measured();
            return m.points ? QVariant(qulonglong(m.points)) : QVariant();
        }
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == Class)
            return AnnotationPainter::colourOf(session_->document(), *a);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Name && !a->note.empty())
            return QString::fromStdString(a->note);
        if (a->locked || layer.locked)
            return tr("Locked");
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= Area)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant AnnotationTableModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    const bool microns = scale_.hasMicrons();
    switch (section) {
    case Name:
        return tr("Name");
    case Class:
        return tr("Class");
    case Shape:
        return tr("Shape");
    case Layer:
        return tr("Layer");
    case Area:
        return microns ? tr("Area (µm²)") : tr("Area (px²)");
    case Length:
        return microns ? tr("Length (µm)") : tr("Length (px)");
    case Points:
        return tr("Points");
    default:
        return {};
    }
}

Qt::ItemFlags AnnotationTableModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Name)
        if (const Annotation* a = annotationAt(index.row()); a && session_->isEditable(a->id))
            f |= Qt::ItemIsEditable;
    return f;
}

bool AnnotationTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    const Annotation* a = annotationAt(index.row());
    if (!a || role != Qt::EditRole || index.column() != Name || !session_->isEditable(a->id))
        return false;
    const std::string name = value.toString().trimmed().toStdString();
    if (name == a->name)
        return false;
    session_->setAnnotationValue({a->id}, &Annotation::name, name, tr("Rename annotation"));
    return true;
}

} // namespace lamina
