// lamina_render_icon SVG SIZE OUT.png: renders the application icon at one hicolor size for
// `cmake --install` (the desktop's menus and file managers want PNGs beside the SVG). Uses
// Qt's SVG image plugin, offscreen: no display needed at build time.

#include <QGuiApplication>
#include <QImage>
#include <QImageReader>

#include <iostream>

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    if (argc != 4) {
        std::cerr << "usage: lamina_render_icon SVG SIZE OUT.png\n";
        return 2;
    }
    const int size = std::atoi(argv[2]);
    QImageReader reader(QString::fromLocal8Bit(argv[1]));
    reader.setScaledSize(QSize(size, size));
    const QImage image = reader.read();
    if (image.isNull() || size < 8 || size > 1024) {
        std::cerr << argv[1] << ": cannot render at " << argv[2] << ": "
                  << reader.errorString().toStdString() << "\n";
        return 1;
    }
    if (!image.save(QString::fromLocal8Bit(argv[3]), "PNG")) {
        std::cerr << argv[3] << ": cannot write\n";
        return 1;
    }
    return 0;
}
