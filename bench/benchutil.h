#pragma once
// Small helpers the benchmarks share: command-line values, CPU clocks, percentiles.

#include <QString>
#include <QStringList>

#include <algorithm>
#include <ctime>
#include <vector>

namespace Switchboard::Bench {

// The value after `name` in args ("--mib 512"), or fallback.
inline QString argValue(const QStringList &args, const QString &name, const QString &fallback = QString())
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

// CPU seconds the calling thread has used so far.
inline double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// The p-quantile (0..1; 1 is the largest) of v, 0 for none.
template <class T>
T percentile(std::vector<T> v, double p)
{
    if (v.empty())
        return T(0);
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

} // namespace Switchboard::Bench
