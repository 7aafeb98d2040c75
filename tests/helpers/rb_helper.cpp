// rb_helper MODE [ARGS...] — a child program whose behaviour the tests choose by argument.
// Plain C++ and POSIX so it does not depend on Qt or on a shell.
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#ifndef _WIN32
#include <dirent.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace {
void writeAll(int fd, const char *p, size_t n)
{
    while (n > 0) {
        const ssize_t w = ::write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            std::exit(3);
        p += w;
        n -= size_t(w);
    }
}

void sleepMs(long ms)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

long long arg(int argc, char **argv, int i, long long fallback = 0)
{
    return i < argc ? std::atoll(argv[i]) : fallback;
}

int usage()
{
    std::fputs("usage: rb_helper MODE [ARGS]; modes: exit N | print-bytes N | print-lines N |\n"
               "  echo | count-stdin | stderr TEXT | stdout-stderr N | ignore-term MS |\n"
               "  spawn-tree N MS | crash SIGNAL | sleep MS | env NAME | env-count | busy |\n"
               "  raw HEX | cwd | fds | print-then-sleep TEXT MS | chatty MS |\n"
               "  lines-per-second RATE MS\n",
               stderr);
    return 2;
}
} // namespace

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const std::string mode = argv[1];
    if (mode == "exit")
        return int(arg(argc, argv, 2));
    if (mode == "print-bytes") {
        long long n = arg(argc, argv, 2);
        std::vector<char> buf(65536);
        for (size_t i = 0; i < buf.size(); ++i)
            buf[i] = char('a' + i % 26);
        while (n > 0) {
            const size_t k = size_t(std::min<long long>(n, (long long)buf.size()));
            writeAll(1, buf.data(), k);
            n -= (long long)k;
        }
        return 0;
    }
    if (mode == "print-lines") {
        const long long n = arg(argc, argv, 2);
        std::string out;
        for (long long i = 1; i <= n; ++i) {
            out += "line " + std::to_string(i) + "\n";
            if (out.size() > 60000) {
                writeAll(1, out.data(), out.size());
                out.clear();
            }
        }
        writeAll(1, out.data(), out.size());
        return 0;
    }
    if (mode == "echo" || mode == "count-stdin") {
        std::vector<char> buf(65536);
        long long total = 0;
        for (;;) {
            const ssize_t r = ::read(0, buf.data(), buf.size());
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            total += r;
            if (mode == "echo")
                writeAll(1, buf.data(), size_t(r));
        }
        if (mode == "count-stdin")
            std::printf("%lld\n", total);
        else
            std::fprintf(stderr, "EOF after %lld bytes\n", total);
        return 0;
    }
    if (mode == "stderr") {
        const std::string text = std::string(argc > 2 ? argv[2] : "") + "\n";
        writeAll(2, text.data(), text.size());
        return 0;
    }
    if (mode == "stdout-stderr") {
        const long long n = arg(argc, argv, 2);
        for (long long i = 0; i < n; ++i) {
            const std::string o = "out " + std::to_string(i) + "\n";
            const std::string e = "err " + std::to_string(i) + "\n";
            writeAll(1, o.data(), o.size());
            writeAll(2, e.data(), e.size());
        }
        return 0;
    }
    if (mode == "ignore-term") {
        std::signal(SIGTERM, SIG_IGN);
        writeAll(1, "ready\n", 6);
        sleepMs(long(arg(argc, argv, 2, 100000)));
        return 0;
    }
    if (mode == "spawn-tree") {
        // N grandchildren that sleep; each prints its pid, then the parent sleeps too.
        const long long n = arg(argc, argv, 2, 2);
        const long ms = long(arg(argc, argv, 3, 100000));
        for (long long i = 0; i < n; ++i) {
            const pid_t pid = ::fork();
            if (pid == 0) {
                sleepMs(ms);
                _exit(0);
            }
            const std::string line = "child " + std::to_string(pid) + "\n";
            writeAll(1, line.data(), line.size());
        }
        writeAll(1, "ready\n", 6);
        sleepMs(ms);
        return 0;
    }
    if (mode == "crash") {
        const int sig = int(arg(argc, argv, 2, SIGSEGV));
        std::signal(sig, SIG_DFL);
        std::raise(sig);
        return 99;
    }
    if (mode == "sleep") {
        sleepMs(long(arg(argc, argv, 2, 1000)));
        return 0;
    }
    if (mode == "env") {
        const char *v = std::getenv(argc > 2 ? argv[2] : "");
        std::printf("%s\n", v ? v : "<unset>");
        return 0;
    }
    if (mode == "env-count") {
        extern char **environ;
        int n = 0;
        for (char **e = environ; *e; ++e)
            ++n;
        std::printf("%d\n", n);
        return 0;
    }
    if (mode == "busy") {
        volatile unsigned long x = 0;
        for (;;)
            ++x;
    }
    if (mode == "raw") {
        const std::string hex = argc > 2 ? argv[2] : "";
        std::string out;
        for (size_t i = 0; i + 1 < hex.size(); i += 2)
            out += char(std::strtol(hex.substr(i, 2).c_str(), nullptr, 16));
        writeAll(1, out.data(), out.size());
        return 0;
    }
    if (mode == "cwd") {
        char buf[4096];
        if (!::getcwd(buf, sizeof buf))
            return 1;
        std::printf("%s\n", buf);
        return 0;
    }
    if (mode == "fds") {
        // Descriptors open in this process above 2 (inherited ones would show here).
        int n = 0;
        if (DIR *d = ::opendir("/proc/self/fd")) {
            while (dirent *e = ::readdir(d)) {
                const int fd = std::atoi(e->d_name);
                if (e->d_name[0] != '.' && fd > 2 && fd != ::dirfd(d))
                    ++n;
            }
            ::closedir(d);
        }
        std::printf("%d\n", n);
        return 0;
    }
    if (mode == "print-then-sleep") {
        const std::string text = std::string(argc > 2 ? argv[2] : "") + "\n";
        writeAll(1, text.data(), text.size());
        sleepMs(long(arg(argc, argv, 3, 100000)));
        return 0;
    }
    if (mode == "yes-for") {
        // "y\n" at full speed for MS milliseconds, then the exact byte count on stderr.
        const long ms = long(arg(argc, argv, 2, 1000));
        std::signal(SIGPIPE, SIG_IGN);
        std::string block;
        for (int i = 0; i < 4096; ++i)
            block += "y\n";
        long long total = 0;
        const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (std::chrono::steady_clock::now() < end) {
            const ssize_t w = ::write(1, block.data(), block.size());
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                break;
            total += w;
        }
        std::fprintf(stderr, "wrote %lld\n", total);
        return 0;
    }
    if (mode == "lines-per-second") {
        // RATE numbered lines a second, in ten bursts a second, for MS milliseconds; then the
        // exact byte count on stderr.
        const long long rate = arg(argc, argv, 2, 1000);
        const long ms = long(arg(argc, argv, 3, 1000));
        std::signal(SIGPIPE, SIG_IGN);
        const auto start = std::chrono::steady_clock::now();
        long long written = 0, total = 0;
        for (int tick = 1;; ++tick) {
            const auto due = start + std::chrono::milliseconds(100LL * tick);
            if (due > start + std::chrono::milliseconds(ms))
                break;
            std::string burst;
            for (const long long end = rate * tick / 10; written < end; ++written)
                burst += "line " + std::to_string(written) + " of a steady writer\n";
            writeAll(1, burst.data(), burst.size());
            total += (long long)burst.size();
            std::this_thread::sleep_until(due);
        }
        std::fprintf(stderr, "wrote %lld\n", total);
        return 0;
    }
    if (mode == "sigmask") {
        // Prints whether SIGTERM is blocked or ignored, and whether SIGUSR2 is ignored (none
        // of them may be in a child).
        sigset_t set;
        sigprocmask(SIG_SETMASK, nullptr, &set);
        struct sigaction sa, usr2;
        sigaction(SIGTERM, nullptr, &sa);
        sigaction(SIGUSR2, nullptr, &usr2);
        std::printf("blocked=%d ignored=%d usr2=%d\n", sigismember(&set, SIGTERM),
                    sa.sa_handler == SIG_IGN ? 1 : 0, usr2.sa_handler == SIG_IGN ? 1 : 0);
        return 0;
    }
    if (mode == "pgid") {
        std::printf("pid=%d pgid=%d sid=%d\n", int(getpid()), int(getpgrp()), int(getsid(0)));
        return 0;
    }
    return usage();
}
