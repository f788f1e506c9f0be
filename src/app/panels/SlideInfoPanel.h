#pragma once
// Slide info dock: every property in a searchable table, and the label and macro images.
// The label (and the macro, which usually shows the label too) can carry patient identity,
// so both stay hidden until the user clicks "Show label and macro" for that slide.
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

    const SlideSource* slide_ = nullptr;
    QLineEdit* filter_;
    QTableWidget* table_;
    QPushButton* reveal_;
    QLabel* label_;
    QLabel* macro_;
};

} // namespace lamina
