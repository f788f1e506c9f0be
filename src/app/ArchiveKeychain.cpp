#include "ArchiveKeychain.h"

#include "AppSettings.h"

#include <lamina/core/Log.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <qt6keychain/keychain.h>

namespace lamina::ArchiveKeychain {
namespace {

const QString kService = QStringLiteral("Lamina DICOMweb");

QString withoutTrailingSlash(QString root) {
    while (root.endsWith(QLatin1Char('/')))
        root.chop(1);
    return root;
}

// The keychain's own words, prefixed so the user knows which store failed.
QString describe(const QKeychain::Job& job) {
    return QObject::tr("the system keychain: %1").arg(job.errorString());
}

} // namespace

QByteArray encode(const DicomWebCredentials& c) {
    QJsonObject o;
    if (!c.bearerToken.empty())
        o[QStringLiteral("token")] = QString::fromStdString(c.bearerToken);
    else {
        o[QStringLiteral("user")] = QString::fromStdString(c.user);
        o[QStringLiteral("password")] = QString::fromStdString(c.password);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<DicomWebCredentials> decode(const QByteArray& value) {
    const QJsonDocument doc = QJsonDocument::fromJson(value);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    DicomWebCredentials c;
    const auto token = o.value(QStringLiteral("token"));
    const auto user = o.value(QStringLiteral("user"));
    const auto password = o.value(QStringLiteral("password"));
    if (token.isString())
        c.bearerToken = token.toString().toStdString();
    else if (user.isString() && password.isString()) {
        c.user = user.toString().toStdString();
        c.password = password.toString().toStdString();
    } else
        return std::nullopt;
    if (c.empty())
        return std::nullopt;
    return c;
}

bool isRemembered(const QString& serviceRoot) {
    return AppSettings::rememberedArchives().contains(withoutTrailingSlash(serviceRoot));
}

void load(const QString& serviceRoot, QObject* context, LoadDone done) {
    auto* job = new QKeychain::ReadPasswordJob(kService);
    job->setAutoDelete(true); // after finished
    job->setKey(withoutTrailingSlash(serviceRoot));
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done = std::move(done)](QKeychain::Job* finished) {
                         auto* read = static_cast<QKeychain::ReadPasswordJob*>(finished);
                         if (read->error() == QKeychain::EntryNotFound)
                             return done(std::nullopt, QString());
                         if (read->error() != QKeychain::NoError)
                             return done(std::nullopt, describe(*read));
                         const auto credentials = decode(read->binaryData());
                         if (!credentials)
                             return done(std::nullopt,
                                         QObject::tr("the system keychain's entry for this "
                                                     "archive was not written by Lamina"));
                         done(credentials, QString());
                     });
    job->start();
}

void save(const QString& serviceRoot, const DicomWebCredentials& credentials, QObject* context,
          Done done) {
    const QString root = withoutTrailingSlash(serviceRoot);
    auto* job = new QKeychain::WritePasswordJob(kService);
    job->setAutoDelete(true);
    job->setKey(root);
    job->setBinaryData(encode(credentials));
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [root, done = std::move(done)](QKeychain::Job* finished) {
                         if (finished->error() != QKeychain::NoError) {
                             logger().warn("{}: sign-in details not saved in {}",
                                           root.toStdString(), describe(*finished).toStdString());
                             return done(describe(*finished));
                         }
                         QStringList roots = AppSettings::rememberedArchives();
                         if (!roots.contains(root))
                             AppSettings::setRememberedArchives(roots << root);
                         done(QString());
                     });
    job->start();
}

void forget(const QString& serviceRoot, QObject* context, Done done) {
    const QString root = withoutTrailingSlash(serviceRoot);
    QStringList roots = AppSettings::rememberedArchives();
    roots.removeAll(root);
    AppSettings::setRememberedArchives(roots); // even if the keychain fails: stop asking it
    auto* job = new QKeychain::DeletePasswordJob(kService);
    job->setAutoDelete(true);
    job->setKey(root);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [root, done = std::move(done)](QKeychain::Job* finished) {
                         const bool ok = finished->error() == QKeychain::NoError ||
                                         finished->error() == QKeychain::EntryNotFound;
                         if (!ok)
                             logger().warn("{}: sign-in details not removed from {}",
                                           root.toStdString(), describe(*finished).toStdString());
                         done(ok ? QString() : describe(*finished));
                     });
    job->start();
}

} // namespace lamina::ArchiveKeychain
