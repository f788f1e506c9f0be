#include "SingleInstance.h"

#include "SlideLocation.h"

#include <lamina/core/Hashing.h>

#include <QDataStream>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

namespace lamina {
namespace {

constexpr quint32 kMaxLocations = 1000; // a request is a short list; refuse anything else

} // namespace

SingleInstance::SingleInstance(QString name, QObject* parent)
    : QObject(parent), name_(std::move(name)) {}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultName() {
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = QStringLiteral("user");
    // Per settings folder too: a Lamina started with other settings (XDG_CONFIG_HOME, as the
    // tests do) is another profile and keeps its own window.
    const QByteArray settings =
        QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation).toUtf8();
    const uint64_t hash = fnv1a64(std::string_view(settings.constData(), size_t(settings.size())));
    return QStringLiteral("lamina-%1-%2")
        .arg(user)
        .arg(hash & 0xffffffffu, 8, 16, QLatin1Char('0'));
}

bool SingleInstance::forwardToRunning(const QStringList& locations, int timeoutMs) const {
    QLocalSocket socket;
    socket.connectToServer(name_);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    QStringList absolute;
    for (const QString& l : locations)
        absolute << (isArchiveAddress(l) ? l : QFileInfo(l).absoluteFilePath());
    QByteArray message;
    QDataStream out(&message, QIODevice::WriteOnly);
    out << quint32(absolute.size());
    for (const QString& l : absolute)
        out << l;
    socket.write(message);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    // The running instance answers once it has the request: it is alive, not a stale socket.
    return socket.waitForReadyRead(timeoutMs) && socket.readAll().startsWith("ok");
}

bool SingleInstance::listen() {
    server_ = std::make_unique<QLocalServer>();
    server_->setSocketOptions(QLocalServer::UserAccessOption); // this user only
    if (!server_->listen(name_)) {
        // A crashed instance leaves its socket behind; nobody answered forwardToRunning.
        QLocalServer::removeServer(name_);
        if (!server_->listen(name_)) {
            server_.reset();
            return false;
        }
    }
    connect(server_.get(), &QLocalServer::newConnection, this, &SingleInstance::readRequest);
    return true;
}

void SingleInstance::readRequest() {
    while (QLocalSocket* socket = server_->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            QDataStream in(socket);
            in.startTransaction();
            quint32 count = 0;
            in >> count;
            if (count > kMaxLocations) {
                socket->abort();
                return;
            }
            QStringList locations;
            for (quint32 i = 0; i < count; ++i) {
                QString l;
                in >> l;
                locations << l;
            }
            if (!in.commitTransaction())
                return; // wait for the rest
            socket->write("ok");
            socket->flush();
            emit openRequested(locations);
        });
    }
}

} // namespace lamina
