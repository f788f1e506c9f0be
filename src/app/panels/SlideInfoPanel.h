#pragma once
// Slide info dock: every property in a searchable table, and the label and macro images.
// The label (and the macro, which usually shows the label too) can carry patient identity,
// so both stay hidden until the user clicks "Show label, macro and patient data" for that
// slide; the same button hides them again. Images are capped in height so the property table
// keeps its room.
// Thread-safety: GUI thread only.

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace lamina {

class SlideSource;

class SlideInfoPanel : public QWidget {
    Q_OBJECT
public:
    explicit SlideInfoPanel(QWidget* parent = nullptr);
    void setSlide(const SlideSource* slide); // nullptr: nothing open

    bool identifyingImagesShown() const;

private:
    void applyFilter(const QString& text);
    void showIdentifyingImages();
    void hideIdentifyingData();
    void updateRevealText();

    const SlideSource* slide_ = nullptr;
    bool hasIdentifyingData_ = false;
    bool identifyingDataShown_ = false;
    QLineEdit* filter_;
    QTableWidget* table_;
    QPushButton* reveal_;
    QLabel* label_;
    QLabel* macro_;
};

} // namespace lamina
