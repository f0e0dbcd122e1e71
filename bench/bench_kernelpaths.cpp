// The kernel paths a transfer could take, measured side by side on this machine, so the choice
// between them rests on figures (docs/BENCHMARKS.md, "Kernel paths"):
//
//   bench_kernelpaths send [MIB] [ROUNDS]   a file to a loopback TCP reader (another process):
//       pread + write from one 1 MiB buffer (what the server's downloads do), against write from
//       a mapping of the file (mmap per 1 MiB, one copy fewer) and against sendfile (no copy in
//       user space); CPU seconds per GiB of the sender and of the reader.
//   bench_kernelpaths write [MIB] [ROUNDS]  1 MiB writes into a new file: plain (what an upload's
//       server and a download's client do), with a second thread reserving blocks 64 MiB ahead
//       (fallocate KEEP_SIZE), and after reserving the whole file first; seconds per GiB.
//
// Files live in $WORKDIR (default /dev/shm, like bench/transfer_vs_iperf.sh). Before each run
// as much as it writes is written and deleted (WARM=0: not), since a VM that reports freed
// memory to its host makes the first touch of such pages several times slower (see
// transfer_vs_iperf.sh). The variants alternate in order from round to round; best and median
// are printed.
#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <string>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {
constexpr long Chunk = 1 << 20;

double cpuSeconds(int who = RUSAGE_SELF)
{
    rusage u{};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string workDir()
{
    const char *dir = std::getenv("WORKDIR");
    return dir && *dir ? dir : "/dev/shm";
}

bool writeAll(int fd, const char *data, long size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

// Writes and deletes mib MiB in the work directory, so the next run gets pages just used.
void warm(const std::string &dir, long mib)
{
    const char *w = std::getenv("WARM");
    if (w && std::strcmp(w, "0") == 0)
        return;
    const std::string path = dir + "/bench_kernelpaths.warm";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<char> zeros(Chunk, 0);
    for (long i = 0; fd >= 0 && i < mib; ++i)
        if (!writeAll(fd, zeros.data(), Chunk))
            break;
    if (fd >= 0)
        ::close(fd);
    ::unlink(path.c_str());
}

struct Figures
{
    std::vector<double> a, b, c; // per variant, per round
};

double best(std::vector<double> v) { return v.empty() ? 0 : *std::min_element(v.begin(), v.end()); }
double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

enum class SendPath { Pread, Mmap, Sendfile };
const char *sendPathName(SendPath p)
{
    return p == SendPath::Pread ? "pread+write" : p == SendPath::Mmap ? "mmap+write" : "sendfile";
}

// One file to a loopback reader; returns {sender CPU s, reader CPU s, wall s}.
std::vector<double> sendOnce(const std::string &source, long bytes, SendPath path)
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 || ::listen(listener, 1) != 0
        || ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        std::perror("listen");
        std::exit(1);
    }
    int report[2];
    if (::pipe(report) != 0) {
        std::perror("pipe");
        std::exit(1);
    }
    const pid_t reader = ::fork();
    if (reader == 0) {
        const int s = ::socket(AF_INET, SOCK_STREAM, 0);
        if (::connect(s, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
            _exit(1);
        std::vector<char> buffer(Chunk);
        const double before = cpuSeconds();
        while (::read(s, buffer.data(), buffer.size()) > 0) {
        }
        const double used = cpuSeconds() - before;
        if (::write(report[1], &used, sizeof used) != sizeof used)
            _exit(1);
        _exit(0);
    }
    const int s = ::accept(listener, nullptr, nullptr);
    const int file = ::open(source.c_str(), O_RDONLY);
    if (s < 0 || file < 0) {
        std::perror("accept/open");
        std::exit(1);
    }
    std::vector<char> buffer(Chunk);
    const double start = now();
    const double before = cpuSeconds();
    for (long at = 0; at < bytes; at += Chunk) {
        const long n = std::min(Chunk, bytes - at);
        if (path == SendPath::Sendfile) {
            off_t offset = at;
            for (long sent = 0; sent < n;) {
                const ssize_t r = ::sendfile(s, file, &offset, size_t(n - sent));
                if (r <= 0) {
                    std::perror("sendfile");
                    std::exit(1);
                }
                sent += r;
            }
        } else if (path == SendPath::Mmap) {
            void *mapped = ::mmap(nullptr, size_t(n), PROT_READ, MAP_SHARED, file, at);
            if (mapped == MAP_FAILED || !writeAll(s, static_cast<const char *>(mapped), n)) {
                std::perror("mmap/write");
                std::exit(1);
            }
            ::munmap(mapped, size_t(n));
        } else if (::pread(file, buffer.data(), size_t(n), at) != n || !writeAll(s, buffer.data(), n)) {
            std::perror("pread/write");
            std::exit(1);
        }
    }
    const double sender = cpuSeconds() - before;
    ::close(s);
    double readerCpu = 0;
    if (::read(report[0], &readerCpu, sizeof readerCpu) != sizeof readerCpu)
        readerCpu = -1;
    ::waitpid(reader, nullptr, 0);
    const double wall = now() - start;
    ::close(file);
    ::close(listener);
    ::close(report[0]);
    ::close(report[1]);
    return {sender, readerCpu, wall};
}

// 1 MiB writes into a new file: 0 plain, 1 a thread reserving 64 MiB ahead, 2 the whole file
// reserved first (counted). Returns {seconds, CPU seconds of the process}.
std::vector<double> writeOnce(const std::string &dir, long bytes, int variant)
{
    const std::string path = dir + "/bench_kernelpaths.out";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        std::perror("open");
        std::exit(1);
    }
    std::vector<char> data(Chunk, 'x');
    std::atomic<long> written{0};
    std::atomic<bool> done{false};
    const double start = now();
    const double before = cpuSeconds();
    if (variant == 2)
        ::fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, bytes);
    std::thread reserver;
    if (variant == 1) {
        reserver = std::thread([&] {
            constexpr long Step = 8L << 20, Ahead = 64L << 20;
            for (long reserved = 0; reserved < bytes && !done;) {
                const long target = std::min(bytes, written.load() + Ahead);
                if (reserved >= target) {
                    ::usleep(100);
                    continue;
                }
                const long n = std::min(Step, target - reserved);
                if (::fallocate(fd, FALLOC_FL_KEEP_SIZE, reserved, n) != 0)
                    break;
                reserved += n;
            }
        });
    }
    for (long at = 0; at < bytes; at += Chunk) {
        if (!writeAll(fd, data.data(), std::min(Chunk, bytes - at))) {
            std::perror("write");
            std::exit(1);
        }
        written = at + Chunk;
    }
    done = true;
    if (reserver.joinable())
        reserver.join();
    const std::vector<double> result{now() - start, cpuSeconds() - before};
    ::close(fd);
    ::unlink(path.c_str());
    return result;
}

int usage()
{
    std::fprintf(stderr, "usage: bench_kernelpaths send|write [MIB] [ROUNDS]\n");
    return 2;
}
} // namespace

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const std::string mode = argv[1];
    const long mib = argc > 2 ? std::atol(argv[2]) : 1024;
    const int rounds = argc > 3 ? std::atoi(argv[3]) : 5;
    const long bytes = mib << 20;
    const double perGiB = 1024.0 / double(mib);
    const std::string dir = workDir();
    std::printf("# bench_kernelpaths %s, %ld MiB, %d rounds, files in %s\n", mode.c_str(), mib, rounds, dir.c_str());
    if (mode == "send") {
        const std::string source = dir + "/bench_kernelpaths.src";
        {
            const int fd = ::open(source.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            std::vector<char> block(Chunk);
            unsigned seed = 1;
            for (char &c : block)
                c = char(rand_r(&seed));
            for (long i = 0; fd >= 0 && i < mib; ++i)
                writeAll(fd, block.data(), Chunk);
            if (fd >= 0)
                ::close(fd);
        }
        const SendPath paths[] = {SendPath::Pread, SendPath::Mmap, SendPath::Sendfile};
        Figures f[3];
        for (int r = 0; r < rounds; ++r) {
            for (int k = 0; k < 3; ++k) {
                const int i = (k + r) % 3;
                const std::vector<double> w = sendOnce(source, bytes, paths[i]);
                f[i].a.push_back(w[0] * perGiB);
                f[i].b.push_back(w[1] * perGiB);
                f[i].c.push_back(-double(bytes) / w[2] / 1048576.0); // negated: best() takes the smallest
                std::printf("round %d %-12s sender_cpu_s_per_gib=%.3f reader_cpu_s_per_gib=%.3f MiB/s=%.0f\n", r + 1,
                            sendPathName(paths[i]), w[0] * perGiB, w[1] * perGiB, double(bytes) / w[2] / 1048576.0);
            }
        }
        ::unlink(source.c_str());
        for (int i = 0; i < 3; ++i)
            std::printf("%-12s sender CPU s/GiB best %.3f median %.3f; reader best %.3f median %.3f; MiB/s best %.0f median %.0f\n",
                        sendPathName(paths[i]), best(f[i].a), median(f[i].a), best(f[i].b), median(f[i].b), -best(f[i].c),
                        -median(f[i].c));
        return 0;
    }
    if (mode == "write") {
        const char *names[] = {"plain", "reserve-ahead", "reserve-first"};
        Figures f[3];
        for (int r = 0; r < rounds; ++r) {
            for (int k = 0; k < 3; ++k) {
                const int variant = (k + r) % 3;
                warm(dir, mib + 64);
                const std::vector<double> w = writeOnce(dir, bytes, variant);
                f[variant].a.push_back(w[0] * perGiB);
                f[variant].b.push_back(w[1] * perGiB);
                std::printf("round %d %-14s s_per_gib=%.3f cpu_s_per_gib=%.3f\n", r + 1, names[variant], w[0] * perGiB, w[1] * perGiB);
            }
        }
        for (int v = 0; v < 3; ++v)
            std::printf("%-14s s/GiB best %.3f median %.3f; CPU s/GiB best %.3f median %.3f\n", names[v], best(f[v].a),
                        median(f[v].a), best(f[v].b), median(f[v].b));
        return 0;
    }
    return usage();
}
