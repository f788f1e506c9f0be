#include "dialogs/ArchiveSignInBox.h"

#include "AppSettings.h"
#include "ArchiveKeychain.h"

#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>
#include <lamina/slide/dicomweb/DicomWebSettings.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace lamina {
namespace {

enum SignIn { NoSignIn = 0, Token = 1, UserPassword = 2 };

// The archives the user has used: the last one first, then those with remembered sign-in.
QStringList knownArchives() {
    QStringList roots;
    if (!AppSettings::archiveAddress().isEmpty())
        roots << AppSettings::archiveAddress();
    for (const QString& root : AppSettings::rememberedArchives())
        if (!roots.contains(root))
            roots << root;
    return roots;
}

} // namespace

ArchiveSignInBox::ArchiveSignInBox(QWidget* parent)
    : QGroupBox(tr("DICOMweb archive"), parent), form_(new QFormLayout(this)) {
    address_ = new QLineEdit(AppSettings::archiveAddress(), this);
    address_->setPlaceholderText(QStringLiteral("https://pacs.example.org/dicom-web"));
    address_->setToolTip(tr("The archive's DICOMweb address, or the address of one series "
                            "(…/studies/UID/series/UID) to open it directly"));
    auto* completer = new QCompleter(knownArchives(), address_);
    completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    address_->setCompleter(completer);
    form_->addRow(tr("Address:"), address_);
    signIn_ = new QComboBox(this);
    signIn_->addItems({tr("No sign-in"), tr("Token (bearer)"), tr("User name and password")});
    form_->addRow(tr("Sign in with:"), signIn_);
    token_ = new QLineEdit(this);
    token_->setEchoMode(QLineEdit::Password);
    form_->addRow(tr("Token:"), token_);
    user_ = new QLineEdit(AppSettings::archiveUser(), this);
    form_->addRow(tr("User name:"), user_);
    password_ = new QLineEdit(this);
    password_->setEchoMode(QLineEdit::Password);
    form_->addRow(tr("Password:"), password_);
    // Names for tests and accessibility tools.
    address_->setObjectName(QStringLiteral("address"));
    signIn_->setObjectName(QStringLiteral("signIn"));
    token_->setObjectName(QStringLiteral("token"));
    user_->setObjectName(QStringLiteral("user"));
    password_->setObjectName(QStringLiteral("password"));
    remember_ = new QCheckBox(tr("Remember in the system keychain"), this);
    remember_->setToolTip(tr("Keep the token or password in the operating system's keychain "
                             "(saved after a successful search). Untick to forget it."));
    form_->addRow(QString(), remember_);
    keychainNote_ = new QLabel(this);
    keychainNote_->setWordWrap(true);
    keychainNote_->setTextFormat(Qt::RichText);
    showKeychainNote(tr("Otherwise passwords and tokens are kept for this session only. Never "
                        "saved anywhere else, never logged."),
                     false);
    form_->addRow(QString(), keychainNote_);
    signIn_->setCurrentIndex(AppSettings::archiveUser().isEmpty() ? NoSignIn : UserPassword);
    const auto showSignIn = [this] {
        const int kind = signIn_->currentIndex();
        form_->setRowVisible(token_, kind == Token);
        form_->setRowVisible(user_, kind == UserPassword);
        form_->setRowVisible(password_, kind == UserPassword);
        form_->setRowVisible(remember_, kind != NoSignIn);
        // The note speaks of passwords and tokens: not under "No sign-in".
        form_->setRowVisible(keychainNote_, kind != NoSignIn);
    };
    connect(signIn_, &QComboBox::currentIndexChanged, this, showSignIn);
    showSignIn();
    connect(address_, &QLineEdit::textChanged, this, &ArchiveSignInBox::addressChanged);
    connect(address_, &QLineEdit::editingFinished, this, &ArchiveSignInBox::loadRememberedSignIn);
    // A remembered archive picked from the list is filled in at once.
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this,
            &ArchiveSignInBox::loadRememberedSignIn);
    loadRememberedSignIn();
}

QString ArchiveSignInBox::addressText() const {
    return address_->text().trimmed();
}

QString ArchiveSignInBox::serviceRoot() const {
    if (const auto url = DicomWebSeriesUrl::parse(addressText().toStdString()))
        return QString::fromStdString(url->serviceRoot);
    QString root = addressText();
    while (root.endsWith(QLatin1Char('/')))
        root.chop(1);
    return root;
}

void ArchiveSignInBox::setServiceRoot(const QString& root) {
    address_->setText(root);
    loadRememberedSignIn();
}

DicomWebCredentials ArchiveSignInBox::credentials() const {
    DicomWebCredentials c;
    if (signIn_->currentIndex() == Token)
        c.bearerToken = token_->text().toStdString();
    else if (signIn_->currentIndex() == UserPassword) {
        c.user = user_->text().toStdString();
        c.password = password_->text().toStdString();
    }
    return c;
}

DicomWebOptions ArchiveSignInBox::clientOptions() const {
    DicomWebOptions options = DicomWebSettings::optionsFor(serviceRoot().toStdString());
    options.credentials = credentials();
    options.retries = 1;
    options.timeoutMs = 15000;
    return options;
}

void ArchiveSignInBox::loadRememberedSignIn() {
    const QString root = serviceRoot();
    remember_->setChecked(ArchiveKeychain::isRemembered(root));
    if (!remember_->isChecked())
        return;
    ArchiveKeychain::load(root, this, [this, root](auto credentials, const QString& error) {
        if (root != serviceRoot())
            return; // the address changed meanwhile
        if (!error.isEmpty()) {
            showKeychainNote(tr("Cannot read the sign-in details from %1").arg(error), true);
            emit keychainFinished(false);
            return;
        }
        if (credentials) {
            if (!credentials->bearerToken.empty()) {
                signIn_->setCurrentIndex(Token);
                token_->setText(QString::fromStdString(credentials->bearerToken));
            } else {
                signIn_->setCurrentIndex(UserPassword);
                user_->setText(QString::fromStdString(credentials->user));
                password_->setText(QString::fromStdString(credentials->password));
            }
            showKeychainNote(tr("Sign-in details filled in from the system keychain."), false);
        }
        emit keychainFinished(true);
    });
}

void ArchiveSignInBox::afterSuccess() {
    const QString root = serviceRoot();
    const DicomWebCredentials c = credentials();
    const auto reported = [this](const QString& done, const QString& error) {
        if (!error.isEmpty())
            showKeychainNote(
                tr("The sign-in details are kept for this session only: %1").arg(error), true);
        else
            showKeychainNote(done, false);
        emit keychainFinished(error.isEmpty());
    };
    if (remember_->isChecked() && !c.empty())
        ArchiveKeychain::save(root, c, this, [reported](const QString& error) {
            reported(tr("Sign-in details saved in the system keychain."), error);
        });
    else if (!remember_->isChecked() && ArchiveKeychain::isRemembered(root))
        ArchiveKeychain::forget(root, this, [reported](const QString& error) {
            reported(tr("Sign-in details removed from the system keychain."), error);
        });
}

void ArchiveSignInBox::rememberForSession() {
    DicomWebSettings::setCredentials(serviceRoot().toStdString(), credentials());
    AppSettings::setArchive(serviceRoot(),
                            signIn_->currentIndex() == UserPassword ? user_->text() : QString());
}

void ArchiveSignInBox::commit() {
    rememberForSession();
    const auto logged = [](const QString&) {};
    if (remember_->isChecked() && !credentials().empty())
        ArchiveKeychain::save(serviceRoot(), credentials(), qApp, logged);
    else if (!remember_->isChecked() && ArchiveKeychain::isRemembered(serviceRoot()))
        ArchiveKeychain::forget(serviceRoot(), qApp, logged);
}

void ArchiveSignInBox::showKeychainNote(const QString& message, bool isError) {
    keychainNote_->setText(QStringLiteral("<span style=\"color:%1\">%2</span>")
                               .arg(isError ? QStringLiteral("#b00020") : QStringLiteral("gray"),
                                    message.toHtmlEscaped()));
}

} // namespace lamina
