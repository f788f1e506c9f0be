#pragma once
// One Lamina window per user: a second `lamina SLIDE` (a double-click in the file manager)
// hands its slides to the running instance, which opens them in new tabs and comes to the
// front, and exits. Through a QLocalServer named per user (a socket only that user can open).
// Thread-safety: GUI thread only.

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QLocalServer;

namespace lamina {

class SingleInstance : public QObject {
    Q_OBJECT
public:
    // `name`: the server's name; the default is per user and settings folder.
    explicit SingleInstance(QString name = defaultName(), QObject* parent = nullptr);
    ~SingleInstance() override;

    static QString defaultName();

    // Sends `locations` (made absolute) to a running instance; true when one took them.
    bool forwardToRunning(const QStringList& locations, int timeoutMs = 2000) const;
    // Becomes the running instance (a stale socket of a crashed one is removed first).
    // False when the server cannot listen (then each process stays on its own).
    bool listen();

signals:
    // Another process asked this one to open these locations.
    void openRequested(const QStringList& locations);

private:
    void readRequest();

    QString name_;
    std::unique_ptr<QLocalServer> server_;
};

} // namespace lamina
