#include "scramclient.h"

#include "credentials.h"
#include "scrammessage.h"

namespace Switchboard {

ScramClient::ScramClient(const QString &user, const QByteArray &clientNonce)
    : m_user(user)
    , m_clientNonce(clientNonce.isEmpty() ? Scram::randomNonce() : clientNonce)
    , m_minIterations(Credentials::MinIterations)
    , m_maxIterations(Credentials::MaxIterations)
{
    if (user.isEmpty() || user.contains(QChar(0)))
        fail(Error::InvalidUserName, QString());
    else if (!Scram::isValidNonce(m_clientNonce))
        fail(Error::InvalidNonce, QString());
}

void ScramClient::setIterationLimits(int minimum, int maximum)
{
    m_minIterations = qMax(1, minimum);
    m_maxIterations = qMax(m_minIterations, maximum);
}

QString ScramClient::errorText(Error error)
{
    switch (error) {
    case Error::None:
        return QString();
    case Error::InvalidUserName:
        return tr("The user name is empty or invalid.");
    case Error::InvalidNonce:
        return tr("The client nonce contains characters SCRAM does not allow.");
    case Error::WrongState:
        return tr("The login steps were called out of order.");
    case Error::MalformedMessage:
        return tr("The server sent a malformed login message.");
    case Error::ExtensionNotSupported:
        return tr("The server requires a login extension this client does not support.");
    case Error::NonceMismatch:
        return tr("The server's nonce does not continue the client's nonce.");
    case Error::InvalidSalt:
        return tr("The server sent an invalid salt.");
    case Error::IterationsOutOfRange:
        return tr("The server asked for an iteration count outside the accepted range.");
    case Error::InvalidSaltedPassword:
        return tr("The derived key has the wrong size.");
    case Error::ServerRejected:
        return tr("The server rejected the login.");
    case Error::ServerSignatureMismatch:
        return tr("The server could not prove that it knows the account; it may be an impostor.");
    }
    return QString();
}

bool ScramClient::fail(Error error, const QString &message)
{
    m_state = State::Failed;
    m_error = error;
    m_errorString = message.isEmpty() ? errorText(error) : message;
    m_clientFinal.clear();
    m_expectedServerSignature.clear();
    return false;
}

QByteArray ScramClient::clientFirstMessage()
{
    if (m_state == State::Failed)
        return {};
    if (m_state == State::Initial) {
        m_clientFirstBare = "n=" + Scram::encodeSaslName(m_user) + ",r=" + m_clientNonce;
        m_state = State::AwaitingServerFirst;
    }
    return QByteArray(Scram::GS2Header) + m_clientFirstBare;
}

bool ScramClient::handleServerFirst(const QByteArray &serverFirst)
{
    if (m_state != State::AwaitingServerFirst)
        return fail(Error::WrongState, QString());
    const auto attributes = Scram::parseAttributes(serverFirst);
    if (!attributes)
        return fail(Error::MalformedMessage, QString());
    const QList<Scram::Attribute> &attrs = *attributes;
    if (!attrs.isEmpty() && attrs.first().name == 'm')
        return fail(Error::ExtensionNotSupported, QString());
    if (attrs.size() < 3 || attrs.at(0).name != 'r' || attrs.at(1).name != 's' || attrs.at(2).name != 'i')
        return fail(Error::MalformedMessage, QString());

    const QByteArray nonce = attrs.at(0).value;
    if (!Scram::isValidNonce(nonce) || !nonce.startsWith(m_clientNonce) || nonce.size() <= m_clientNonce.size())
        return fail(Error::NonceMismatch, QString());
    const auto salt = Scram::decodeBase64(attrs.at(1).value);
    if (!salt)
        return fail(Error::InvalidSalt, QString());
    const auto iterations = Scram::parseIterations(attrs.at(2).value);
    if (!iterations)
        return fail(Error::MalformedMessage, QString());
    if (*iterations < m_minIterations || *iterations > m_maxIterations)
        return fail(Error::IterationsOutOfRange,
                    tr("The server asked for %1 iterations; this client accepts %2 to %3.")
                        .arg(*iterations)
                        .arg(m_minIterations)
                        .arg(m_maxIterations));
    // Further (optional) extensions are ignored, as RFC 5802 allows.

    m_serverFirst = serverFirst;
    m_nonce = nonce;
    m_salt = *salt;
    m_iterations = *iterations;
    m_state = State::AwaitingProof;
    return true;
}

QByteArray ScramClient::saltedPassword(const QByteArray &password, const QByteArray &salt, int iterations)
{
    return Credentials::saltedPassword(password, salt, iterations);
}

bool ScramClient::computeProof(const QByteArray &saltedPassword)
{
    if (m_state != State::AwaitingProof)
        return fail(Error::WrongState, QString());
    if (saltedPassword.size() != Credentials::KeySize)
        return fail(Error::InvalidSaltedPassword, QString());

    const QByteArray withoutProof = QByteArray("c=") + Scram::ChannelBinding + ",r=" + m_nonce;
    m_authMessage = m_clientFirstBare + ',' + m_serverFirst + ',' + withoutProof;

    const QByteArray clientKey = Credentials::clientKey(saltedPassword);
    const QByteArray storedKey = Credentials::storedKey(clientKey);
    const QByteArray clientSignature = Credentials::hmac(storedKey, m_authMessage);
    const QByteArray proof = Credentials::xorBytes(clientKey, clientSignature);
    m_expectedServerSignature = Credentials::hmac(Credentials::serverKey(saltedPassword), m_authMessage);
    m_clientFinal = withoutProof + ",p=" + proof.toBase64();
    m_state = State::AwaitingServerFinal;
    return true;
}

bool ScramClient::computeProofWithPassword(const QByteArray &password)
{
    if (m_state != State::AwaitingProof)
        return fail(Error::WrongState, QString());
    return computeProof(saltedPassword(password, m_salt, m_iterations));
}

bool ScramClient::handleServerFinal(const QByteArray &serverFinal)
{
    if (m_state != State::AwaitingServerFinal)
        return fail(Error::WrongState, QString());
    const auto attributes = Scram::parseAttributes(serverFinal);
    if (!attributes || attributes->isEmpty())
        return fail(Error::MalformedMessage, QString());
    const Scram::Attribute &first = attributes->first();
    if (first.name == 'e') {
        m_serverError = QString::fromUtf8(first.value);
        return fail(Error::ServerRejected, tr("The server rejected the login (%1).").arg(m_serverError));
    }
    if (first.name != 'v')
        return fail(Error::MalformedMessage, QString());
    const auto signature = Scram::decodeBase64(first.value);
    if (!signature)
        return fail(Error::MalformedMessage, QString());
    if (!Credentials::constantTimeEquals(*signature, m_expectedServerSignature))
        return fail(Error::ServerSignatureMismatch, QString());
    m_state = State::Authenticated;
    m_expectedServerSignature.clear();
    return true;
}

} // namespace Switchboard
