// libFuzzer target for the SCRAM-SHA-256 message parsers (built with clang++
// -fsanitize=fuzzer,address,undefined; see CMakeLists.txt).
//
// Input layout: byte 0 = mode, the rest = two messages separated by the first '\n'.
//   mode % 3 == 0 : server side. handleClientFirst(first), then handleClientFinal(second), as an
//                   attacker would send them (user "alice" is known, any other name is not).
//   mode % 3 == 1 : client side. After our client-first, handleServerFirst(first), computeProof()
//                   with a fixed SaltedPassword, then handleServerFinal(second), as a hostile server.
//   mode % 3 == 2 : honest exchange. first = user name (UTF-8), second = client nonce: whenever the
//                   client accepts them, an honest client and server must authenticate each other.
// Every mode also feeds the whole input to the attribute, saslname, base64 and iteration parsers.
// Invariants checked are listed at each CHECK.
#include "net/auth/credentials.h"
#include "net/auth/scramclient.h"
#include "net/auth/scrammessage.h"
#include "net/auth/scramserver.h"
#include "fuzzcheck.h"

#include <cstdint>

using namespace Switchboard;

namespace {

const QByteArray ServerNonce = QByteArrayLiteral("SNONCEsnonce0123456789AB");
const QByteArray ClientNonce = QByteArrayLiteral("CNONCEcnonce0123456789AB");
const QByteArray Secret = QByteArrayLiteral("fuzz-server-secret-0123456789");
const QByteArray AlicePassword = QByteArrayLiteral("0123456789abcdef0123456789abcdef");
const QByteArray Salt = QByteArrayLiteral("saltsaltsaltsalt");
constexpr int CheapIterations = 1; // PBKDF2 once: the fuzzer must stay fast

const ScramVerifier &aliceVerifier()
{
    static const ScramVerifier v = Credentials::deriveVerifier(AlicePassword, Salt, CheapIterations);
    return v;
}

// The pure helpers: canonical forms must survive a round trip.
void helpers(const QByteArray &text)
{
    if (const auto attrs = Scram::parseAttributes(text)) {
        QByteArray joined;
        for (const Scram::Attribute &a : *attrs) {
            CHECK((a.name >= 'a' && a.name <= 'z') || (a.name >= 'A' && a.name <= 'Z'), text);
            joined += (joined.isEmpty() ? "" : ",") + QByteArray(1, a.name) + '=' + a.value;
        }
        CHECK(joined == text, text); // the split loses nothing
    }
    if (const auto name = Scram::decodeSaslName(text)) {
        CHECK(!name->isEmpty(), text);
        const QByteArray encoded = Scram::encodeSaslName(*name);
        CHECK(!encoded.contains(','), encoded);
        const auto again = Scram::decodeSaslName(encoded);
        CHECK(again && *again == *name, encoded);
    }
    if (const auto bytes = Scram::decodeBase64(text)) {
        CHECK(!bytes->isEmpty(), text);
        const auto again = Scram::decodeBase64(bytes->toBase64());
        CHECK(again && *again == *bytes, text);
    }
    if (const auto n = Scram::parseIterations(text))
        CHECK(QByteArray::number(*n) == text, text); // no sign, no leading zeros: one spelling per count
    if (Scram::isValidNonce(text))
        CHECK(!text.contains(',') && !text.isEmpty(), text);
}

void serverSide(const QByteArray &first, const QByteArray &second)
{
    const auto lookup = [](const QString &user) -> std::optional<ScramVerifier> {
        if (user == QLatin1String("alice"))
            return aliceVerifier();
        return std::nullopt;
    };
    ScramServer server(lookup, Secret, ServerNonce);
    server.setFakeIterations(CheapIterations);
    const QByteArray serverFirst = server.handleClientFirst(first);
    // Same input, same answer: an unknown user's fake salt does not change between attempts.
    ScramServer twin(lookup, Secret, ServerNonce);
    twin.setFakeIterations(CheapIterations);
    CHECK(twin.handleClientFirst(first) == serverFirst, first);
    if (serverFirst.isEmpty()) {
        CHECK(server.state() == ScramServer::State::Failed, first);
        CHECK(server.error() != ScramServer::Error::None && !server.errorString().isEmpty(), first);
        CHECK(!server.rfcErrorValue().isEmpty(), first);
        CHECK(server.handleClientFinal(second).isEmpty(), second); // a failed exchange stays failed
        CHECK(!server.isAuthenticated());
        return;
    }
    CHECK(server.state() == ScramServer::State::AwaitingClientFinal, first);
    CHECK(serverFirst.startsWith("r=") && serverFirst.contains(ServerNonce + ",s="), serverFirst);
    const auto attrs = Scram::parseAttributes(serverFirst);
    CHECK(attrs && attrs->size() == 3, serverFirst);
    // What the server says to a stranger looks like what it says to alice.
    CHECK(serverFirst.endsWith(",i=" + QByteArray::number(CheapIterations)), serverFirst);

    const QByteArray serverFinal = server.handleClientFinal(second);
    if (serverFinal.isEmpty()) {
        CHECK(server.state() == ScramServer::State::Failed && !server.isAuthenticated(), second);
        CHECK(!server.errorString().isEmpty() && !server.rfcErrorValue().isEmpty(), second);
    } else {
        // Only a correct proof for alice gets here; the fuzzer cannot forge one.
        CHECK(server.isAuthenticated() && server.userKnown() && serverFinal.startsWith("v="), second);
    }
    CHECK(server.handleClientFinal(second).isEmpty(), second); // no second final
}

void clientSide(const QByteArray &first, const QByteArray &second)
{
    ScramClient client(QStringLiteral("alice"), ClientNonce);
    CHECK(client.clientFirstMessage() == "n,,n=alice,r=" + ClientNonce);
    if (!client.handleServerFirst(first)) {
        CHECK(client.hasFailed() && client.error() != ScramClient::Error::None, first);
        CHECK(!client.errorString().isEmpty(), first);
        CHECK(!client.computeProof(QByteArray(Credentials::KeySize, 'k')), first);
        CHECK(!client.handleServerFinal(second) && !client.isAuthenticated(), second);
        return;
    }
    CHECK(client.state() == ScramClient::State::AwaitingProof, first);
    CHECK(client.combinedNonce().startsWith(ClientNonce) && client.combinedNonce().size() > ClientNonce.size(), first);
    CHECK(!client.salt().isEmpty(), first);
    CHECK(client.iterations() >= Credentials::MinIterations && client.iterations() <= Credentials::MaxIterations,
          first);
    CHECK(client.computeProof(QByteArray(Credentials::KeySize, 'k')), first);
    CHECK(client.clientFinalMessage().startsWith("c=biws,r=" + client.combinedNonce() + ",p="),
          client.clientFinalMessage());
    if (client.handleServerFinal(second)) {
        // Only the right server signature authenticates; a fuzzer cannot produce it.
        CHECK(client.isAuthenticated() && second.startsWith("v="), second);
    } else {
        CHECK(client.hasFailed() && !client.errorString().isEmpty(), second);
        if (client.error() == ScramClient::Error::ServerRejected)
            CHECK(second.startsWith("e="), second);
    }
}

void honestExchange(const QByteArray &userBytes, const QByteArray &nonce)
{
    const QString user = QString::fromUtf8(userBytes);
    ScramClient client(user, nonce);
    client.setIterationLimits(CheapIterations, CheapIterations);
    const QByteArray clientFirst = client.clientFirstMessage();
    if (clientFirst.isEmpty()) {
        CHECK(client.hasFailed(), userBytes + '\n' + nonce);
        return;
    }
    const ScramVerifier verifier = Credentials::deriveVerifier(AlicePassword, Salt, CheapIterations);
    ScramServer server([&](const QString &u) -> std::optional<ScramVerifier> {
        if (u == user)
            return verifier;
        return std::nullopt;
    }, Secret, ServerNonce);
    const QByteArray serverFirst = server.handleClientFirst(clientFirst);
    // A name and nonce our client sends must be accepted, and must name the same user.
    CHECK(!serverFirst.isEmpty(), clientFirst);
    CHECK(server.user() == user && server.userKnown(), clientFirst);
    CHECK(client.handleServerFirst(serverFirst), serverFirst);
    CHECK(client.computeProofWithPassword(AlicePassword), serverFirst);
    const QByteArray serverFinal = server.handleClientFinal(client.clientFinalMessage());
    CHECK(server.isAuthenticated(), client.clientFinalMessage());
    CHECK(client.handleServerFinal(serverFinal) && client.isAuthenticated(), serverFinal);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const qsizetype newline = input.indexOf('\n');
    const QByteArray first = newline < 0 ? input : input.left(newline);
    const QByteArray second = newline < 0 ? QByteArray() : input.mid(newline + 1);
    helpers(input);
    switch (data[0] % 3) {
    case 0:
        serverSide(first, second);
        break;
    case 1:
        clientSide(first, second);
        break;
    default:
        honestExchange(first, second);
        break;
    }
    return 0;
}
