// PBKDF2-HMAC-SHA-256 as a login pays it: Switchboard's Credentials::saltedPassword() against its
// baseline, a direct OpenSSL PKCS5_PBKDF2_HMAC call, and Qt's QPasswordDigestor (what Switchboard
// used before), interleaved in rounds; best and median per implementation.
//   bench_pbkdf2 [--iterations N] [--rounds R]
// Prints one "name ms_best ms_median" line per implementation after the table, for scripts.

#include "net/auth/credentials.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPasswordDigestor>
#include <QStringList>

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace Switchboard;

namespace {

const QByteArray Password = "0123456789abcdef0123456789abcdef"; // a scheme-1 credential's shape
const QByteArray Salt = "saltsaltsaltsalt";

double timeOnce(const std::function<QByteArray()> &derive, QByteArray *out)
{
    QElapsedTimer timer;
    timer.start();
    *out = derive();
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int iterations = Credentials::DefaultIterations;
    int rounds = 5;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--iterations"))
            iterations = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--rounds"))
            rounds = qMax(1, args.at(i + 1).toInt());
    }

    struct Impl
    {
        const char *name;
        std::function<QByteArray()> derive;
        std::vector<double> ms;
    };
    std::vector<Impl> impls = {
        {"switchboard", [&] { return Credentials::saltedPassword(Password, Salt, iterations); }, {}},
        {"openssl",
         [&] {
             QByteArray out(Credentials::KeySize, Qt::Uninitialized);
             PKCS5_PBKDF2_HMAC(Password.constData(), int(Password.size()),
                               reinterpret_cast<const unsigned char *>(Salt.constData()), int(Salt.size()), iterations,
                               EVP_sha256(), int(out.size()), reinterpret_cast<unsigned char *>(out.data()));
             return out;
         },
         {}},
        {"qt", [&] { return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, Password, Salt, iterations, Credentials::KeySize); }, {}},
    };
    QByteArray reference;
    for (int r = 0; r < rounds; ++r) {
        for (Impl &impl : impls) {
            QByteArray key;
            impl.ms.push_back(timeOnce(impl.derive, &key));
            if (reference.isEmpty())
                reference = key;
            if (key != reference) {
                std::fprintf(stderr, "%s derived another key\n", impl.name);
                return 1;
            }
        }
    }
    std::printf("PBKDF2-HMAC-SHA-256, %d iterations, 32-byte key, %d rounds\n", iterations, rounds);
    std::printf("%-12s %10s %10s\n", "", "best ms", "median ms");
    for (Impl &impl : impls) {
        std::sort(impl.ms.begin(), impl.ms.end());
        std::printf("%-12s %10.1f %10.1f\n", impl.name, impl.ms.front(), impl.ms[impl.ms.size() / 2]);
    }
    for (const Impl &impl : impls)
        std::printf("result %s %.2f %.2f\n", impl.name, impl.ms.front(), impl.ms[impl.ms.size() / 2]);
    return 0;
}
