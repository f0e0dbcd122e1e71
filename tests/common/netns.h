#pragma once
// Runs a test inside a network namespace of its own, so that nothing it broadcasts or multicasts
// can reach a real interface of the machine (issue 11, item 6). Call enterTestNetwork() first
// thing in main(): outside a namespace it re-executes the test under "unshare -n" (root, as in
// CI) and returns its exit status; inside, it brings up loopback and a veth pair
//   sbva 192.0.2.1/24 (TEST-NET-1)  <->  sbvb (IPv6 link-local only)
// and checks that these three are the only interfaces before any test runs.

#include <QNetworkInterface>
#include <QStringList>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

namespace Switchboard::Test {

inline std::string netnsId()
{
    char buffer[128] = {};
    const ssize_t n = readlink("/proc/self/ns/net", buffer, sizeof buffer - 1);
    return n > 0 ? std::string(buffer, size_t(n)) : std::string();
}

inline bool run(const std::string &command)
{
    if (std::system(command.c_str()) == 0)
        return true;
    std::fprintf(stderr, "FAIL: \"%s\" failed inside the test's network namespace\n", command.c_str());
    return false;
}

// Returns an exit status when the caller must return it at once (the re-executed test's, or a
// failure); nothing when the caller is now inside its own namespace with the test network up.
inline std::optional<int> enterTestNetwork(int argc, char **argv)
{
    static const char *Marker = "SWITCHBOARD_TEST_NETNS_PARENT";
    const char *parent = std::getenv(Marker);
    if (!parent) {
        char self[PATH_MAX] = {};
        if (!realpath("/proc/self/exe", self)) {
            std::perror("FAIL: realpath /proc/self/exe");
            return 1;
        }
        static const char *Why = "FAIL: this test must run in a network namespace of its own, so that its broadcasts reach "
                                 "no real interface, and cannot create one (%s). It needs util-linux's unshare and root "
                                 "(or CAP_SYS_ADMIN), as in CI.\n";
        if (std::system("unshare -n true >/dev/null 2>&1") != 0) {
            std::fprintf(stderr, Why, "\"unshare -n true\" failed");
            return 1;
        }
        setenv(Marker, netnsId().c_str(), 1);
        std::vector<char *> args{const_cast<char *>("unshare"), const_cast<char *>("-n"), self};
        for (int i = 1; i < argc; ++i)
            args.push_back(argv[i]);
        args.push_back(nullptr);
        execvp("unshare", args.data());
        std::fprintf(stderr, Why, std::strerror(errno));
        return 1;
    }
    if (netnsId().empty() || netnsId() == parent) {
        std::fprintf(stderr, "FAIL: not in a network namespace of our own (%s): refusing to broadcast\n",
                     netnsId().c_str());
        return 1;
    }
    // No duplicate address detection: link-local IPv6 is usable at once, not after a second.
    if (!run("echo 0 > /proc/sys/net/ipv6/conf/default/accept_dad") || !run("ip link set lo up") || !run("ip link add sbva type veth peer name sbvb")
        || !run("ip addr add 192.0.2.1/24 dev sbva") || !run("ip link set sbva up") || !run("ip link set sbvb up"))
        return 1;
    QStringList names;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces())
        names.append(iface.name());
    names.sort();
    if (names != QStringList{QStringLiteral("lo"), QStringLiteral("sbva"), QStringLiteral("sbvb")}) {
        std::fprintf(stderr, "FAIL: unexpected interfaces in the test namespace: %s\n", qPrintable(names.join(u' ')));
        return 1;
    }
    return std::nullopt;
}

} // namespace Switchboard::Test
