#include "pbkdf2sha256.h"

// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, whose per-digest context
// copies are what make its PBKDF2 slow; they remain the same hash code underneath.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <cstring>

namespace Switchboard {

namespace {

constexpr int BlockSize = 64; // SHA-256's block

// SHA-256 of what `state` has absorbed followed by `data`, in `scratch` (state is not changed).
void finish(const SHA256_CTX &state, SHA256_CTX *scratch, const unsigned char *data, size_t size,
            unsigned char out[Pbkdf2Sha256::KeySize])
{
    *scratch = state;
    SHA256_Update(scratch, data, size);
    SHA256_Final(out, scratch);
}

} // namespace

QByteArray Pbkdf2Sha256::derive(const QByteArray &password, const QByteArray &salt, int iterations)
{
    if (iterations < 1 || salt.isEmpty())
        return {};
    // HMAC key: the password, hashed first if longer than a block, zero-padded to a block.
    unsigned char key[BlockSize] = {};
    if (password.size() > BlockSize)
        SHA256(reinterpret_cast<const unsigned char *>(password.constData()), size_t(password.size()), key);
    else if (!password.isEmpty())
        std::memcpy(key, password.constData(), size_t(password.size()));
    unsigned char pad[BlockSize];
    SHA256_CTX inner;
    SHA256_CTX outer;
    for (int i = 0; i < BlockSize; ++i)
        pad[i] = key[i] ^ 0x36;
    SHA256_Init(&inner);
    SHA256_Update(&inner, pad, BlockSize);
    for (int i = 0; i < BlockSize; ++i)
        pad[i] = key[i] ^ 0x5c;
    SHA256_Init(&outer);
    SHA256_Update(&outer, pad, BlockSize);

    // U1 = HMAC(password, salt || INT(1)); Ui = HMAC(password, Ui-1); result = U1 ^ ... ^ Uc.
    unsigned char u[KeySize];
    unsigned char t[KeySize];
    SHA256_CTX scratch;
    SHA256_CTX first = inner;
    SHA256_Update(&first, salt.constData(), size_t(salt.size()));
    static const unsigned char blockIndex[4] = {0, 0, 0, 1};
    finish(first, &scratch, blockIndex, sizeof blockIndex, u);
    finish(outer, &scratch, u, KeySize, u);
    std::memcpy(t, u, KeySize);
    for (int i = 1; i < iterations; ++i) {
        finish(inner, &scratch, u, KeySize, u);
        finish(outer, &scratch, u, KeySize, u);
        for (int j = 0; j < KeySize; ++j)
            t[j] ^= u[j];
    }
    QByteArray out(reinterpret_cast<const char *>(t), KeySize);
    OPENSSL_cleanse(key, sizeof key);
    OPENSSL_cleanse(pad, sizeof pad);
    OPENSSL_cleanse(&first, sizeof first);
    OPENSSL_cleanse(&scratch, sizeof scratch);
    OPENSSL_cleanse(&inner, sizeof inner);
    OPENSSL_cleanse(&outer, sizeof outer);
    OPENSSL_cleanse(u, sizeof u);
    OPENSSL_cleanse(t, sizeof t);
    return out;
}

} // namespace Switchboard
