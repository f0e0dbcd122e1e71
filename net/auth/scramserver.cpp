#include "scramserver.h"

#include "scrammessage.h"

namespace Switchboard {

ScramServer::ScramServer(VerifierLookup lookup, const QByteArray &serverSecret, const QByteArray &serverNonce)
    : m_lookup(std::move(lookup))
    , m_secret(serverSecret)
    , m_serverNonce(serverNonce.isEmpty() ? Scram::randomNonce() : serverNonce)
{
}

QString ScramServer::errorText(Error error)
{
    switch (error) {
    case Error::None:
        return QString();
    case Error::NotConfigured:
        return tr("The login service is not configured.");
    case Error::WrongState:
        return tr("The login steps arrived out of order.");
    case Error::MalformedMessage:
        return tr("The login message is malformed.");
    case Error::ChannelBindingNotSupported:
        return tr("Channel binding is not supported; use the GS2 header \"n,,\".");
    case Error::AuthzidNotSupported:
        return tr("Logging in on behalf of another user is not supported.");
    case Error::ExtensionNotSupported:
        return tr("The login message requires an unsupported extension.");
    case Error::InvalidUserNameEncoding:
        return tr("The user name is not encoded correctly.");
    case Error::InvalidNonce:
        return tr("The client nonce contains characters SCRAM does not allow.");
    case Error::ChannelBindingMismatch:
        return tr("The channel binding data does not match.");
    case Error::NonceMismatch:
        return tr("The nonce does not match the challenge.");
    case Error::InvalidProof:
        return tr("Wrong user name or password.");
    }
    return QString();
}

QByteArray ScramServer::rfcErrorValue() const
{
    switch (m_error) {
    case Error::None:
        return {};
    case Error::MalformedMessage:
    case Error::InvalidNonce:
    case Error::NonceMismatch:
        return QByteArrayLiteral("invalid-encoding");
    case Error::ChannelBindingNotSupported:
        return QByteArrayLiteral("channel-binding-not-supported");
    case Error::ChannelBindingMismatch:
        return QByteArrayLiteral("channel-bindings-dont-match");
    case Error::ExtensionNotSupported:
        return QByteArrayLiteral("extensions-not-supported");
    case Error::InvalidUserNameEncoding:
        return QByteArrayLiteral("invalid-username-encoding");
    case Error::InvalidProof:
        return QByteArrayLiteral("invalid-proof");
    case Error::NotConfigured:
    case Error::WrongState:
    case Error::AuthzidNotSupported:
        return QByteArrayLiteral("other-error");
    }
    return QByteArrayLiteral("other-error");
}

QByteArray ScramServer::fail(Error error)
{
    m_state = State::Failed;
    m_error = error;
    m_errorString = errorText(error);
    m_verifier = ScramVerifier();
    return {};
}

ScramVerifier ScramServer::fakeVerifier(const QByteArray &serverSecret, const QString &user, int iterations)
{
    const QByteArray name = user.toUtf8();
    ScramVerifier v;
    v.scheme = Credentials::Scheme;
    v.iterations = iterations;
    v.salt = Credentials::hmac(serverSecret, QByteArrayLiteral("switchboard fake salt\n") + name)
                 .left(Credentials::SaltSize);
    // Keys nobody can match (the proof would have to hash to an HMAC output under the secret).
    v.storedKey = Credentials::hmac(serverSecret, QByteArrayLiteral("switchboard fake stored key\n") + name);
    v.serverKey = Credentials::hmac(serverSecret, QByteArrayLiteral("switchboard fake server key\n") + name);
    return v;
}

QByteArray ScramServer::handleClientFirst(const QByteArray &clientFirst)
{
    if (!m_lookup || !Scram::isValidNonce(m_serverNonce))
        return fail(Error::NotConfigured);
    if (m_state != State::Initial)
        return fail(Error::WrongState);

    // gs2-header = gs2-cbind-flag "," [authzid] ","
    const qsizetype firstComma = clientFirst.indexOf(',');
    if (firstComma < 0)
        return fail(Error::MalformedMessage);
    const qsizetype secondComma = clientFirst.indexOf(',', firstComma + 1);
    if (secondComma < 0)
        return fail(Error::MalformedMessage);
    const QByteArray flag = clientFirst.left(firstComma);
    const QByteArray authzid = clientFirst.mid(firstComma + 1, secondComma - firstComma - 1);
    if (flag == "y" || flag.startsWith("p="))
        return fail(Error::ChannelBindingNotSupported);
    if (flag != "n")
        return fail(Error::MalformedMessage);
    if (!authzid.isEmpty())
        return fail(authzid.startsWith("a=") ? Error::AuthzidNotSupported : Error::MalformedMessage);

    const QByteArray bare = clientFirst.mid(secondComma + 1);
    const auto attributes = Scram::parseAttributes(bare);
    if (!attributes)
        return fail(Error::MalformedMessage);
    const QList<Scram::Attribute> &attrs = *attributes;
    if (!attrs.isEmpty() && attrs.first().name == 'm')
        return fail(Error::ExtensionNotSupported);
    if (attrs.size() < 2 || attrs.at(0).name != 'n' || attrs.at(1).name != 'r')
        return fail(Error::MalformedMessage);
    const auto user = Scram::decodeSaslName(attrs.at(0).value);
    if (!user)
        return fail(Error::InvalidUserNameEncoding);
    m_user = *user;
    const QByteArray clientNonce = attrs.at(1).value;
    if (!Scram::isValidNonce(clientNonce))
        return fail(Error::InvalidNonce);

    const std::optional<ScramVerifier> found = m_lookup(m_user);
    m_userKnown = found.has_value() && found->scheme == Credentials::Scheme && !found->salt.isEmpty()
        && found->iterations > 0 && found->storedKey.size() == Credentials::KeySize
        && found->serverKey.size() == Credentials::KeySize;
    m_verifier = m_userKnown ? *found : fakeVerifier(m_secret, m_user, m_fakeIterations);

    m_clientFirstBare = bare;
    m_nonce = clientNonce + m_serverNonce;
    m_serverFirst = "r=" + m_nonce + ",s=" + m_verifier.salt.toBase64() + ",i=" + QByteArray::number(m_verifier.iterations);
    m_state = State::AwaitingClientFinal;
    return m_serverFirst;
}

QByteArray ScramServer::handleClientFinal(const QByteArray &clientFinal)
{
    if (m_state != State::AwaitingClientFinal)
        return fail(Error::WrongState);

    const qsizetype proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0)
        return fail(Error::MalformedMessage);
    const QByteArray withoutProof = clientFinal.left(proofAt);
    const auto attributes = Scram::parseAttributes(clientFinal);
    if (!attributes)
        return fail(Error::MalformedMessage);
    const QList<Scram::Attribute> &attrs = *attributes;
    if (attrs.size() < 3 || attrs.first().name != 'c' || attrs.at(1).name != 'r' || attrs.last().name != 'p')
        return fail(Error::MalformedMessage);
    if (attrs.first().value != Scram::ChannelBinding)
        return fail(Error::ChannelBindingMismatch);
    if (attrs.at(1).value != m_nonce)
        return fail(Error::NonceMismatch);
    for (qsizetype i = 2; i + 1 < attrs.size(); ++i) {
        if (attrs.at(i).name == 'm')
            return fail(Error::ExtensionNotSupported);
    }
    const auto proof = Scram::decodeBase64(attrs.last().value);
    if (!proof || proof->size() != Credentials::KeySize)
        return fail(Error::MalformedMessage);

    // Same work for known and unknown users.
    const QByteArray authMessage = m_clientFirstBare + ',' + m_serverFirst + ',' + withoutProof;
    const QByteArray clientSignature = Credentials::hmac(m_verifier.storedKey, authMessage);
    const QByteArray clientKey = Credentials::xorBytes(*proof, clientSignature);
    const bool match = Credentials::constantTimeEquals(Credentials::storedKey(clientKey), m_verifier.storedKey);
    const QByteArray serverSignature = Credentials::hmac(m_verifier.serverKey, authMessage);
    if (!match || !m_userKnown)
        return fail(Error::InvalidProof);

    m_state = State::Authenticated;
    m_verifier = ScramVerifier();
    return "v=" + serverSignature.toBase64();
}

} // namespace Switchboard
