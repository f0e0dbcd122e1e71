#pragma once
// Shared by the libFuzzer targets: CHECK(cond, details...) aborts with the failed condition, which
// libFuzzer reports as a crash and saves as an input, and the switch for known findings.
#include <QByteArray>
#include <QtGlobal>

#include <cstdio>
#include <cstdlib>

namespace SwitchboardFuzz {

[[noreturn]] inline void violated(const char *what, qint64 a = 0, qint64 b = 0)
{
    std::fprintf(stderr, "invariant violated: %s (%lld, %lld)\n", what, static_cast<long long>(a),
                 static_cast<long long>(b));
    std::abort();
}

[[noreturn]] inline void violated(const char *what, const QByteArray &detail)
{
    std::fprintf(stderr, "invariant violated: %s [%s]\n", what, detail.toPercentEncoding(" =,").constData());
    std::abort();
}

// Findings reported but not fixed yet are tolerated so a target keeps searching for new ones;
// SB_FUZZ_STRICT=1 turns the tolerance off (to check a fix against the regression seeds).
inline bool strict()
{
    static const bool on = qEnvironmentVariableIntValue("SB_FUZZ_STRICT") != 0;
    return on;
}

} // namespace SwitchboardFuzz

#define CHECK(cond, ...)                                                                                               \
    do {                                                                                                               \
        if (!(cond))                                                                                                   \
            SwitchboardFuzz::violated(#cond, ##__VA_ARGS__);                                                           \
    } while (0)
