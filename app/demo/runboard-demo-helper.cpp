// runboard-demo-helper: the teaching demos' stand-in for tools a system may lack (typically
// Windows has no openssl, sleep or python3). Installed beside runboard. Each mode does the
// same kind of work as the tool it replaces and produces output of the same size:
//
//   enc --password-env NAME   reads stdin, writes "Salted__", an 8-byte salt and the input
//                             padded to 8-byte blocks, XORed with a keystream derived from the
//                             password and salt: 100 bytes in, 120 out, as openssl enc -des3.
//                             A stand-in that shows the sizes and the data flow; it is NOT
//                             DES and NOT encryption anyone should rely on.
//   md5                       reads stdin, writes its 16-byte MD5 digest (openssl dgst -md5 -binary)
//   sleep MS                  sleeps MS milliseconds (sleep)
//   cpu --units N             busy CPU work, N fixed units; prints "units=N cpu_ms=X"
//   ticker --lines N --interval-ms MS [--line-buffered]
//                             prints "tick I" every MS ms through C stdio, which buffers a
//                             pipe in blocks unless --line-buffered (or stdbuf -oL) is used
#include <QCryptographicHash>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <thread>
#include <vector>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#endif

namespace {

std::vector<unsigned char> readStdin()
{
    std::vector<unsigned char> data;
    unsigned char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0)
        data.insert(data.end(), buf, buf + n);
    return data;
}

void writeAll(const void *data, size_t size)
{
    std::fwrite(data, 1, size, stdout);
    std::fflush(stdout);
}

int usage()
{
    std::fputs("usage: runboard-demo-helper enc --password-env NAME | md5 | sleep MS | "
               "cpu --units N | ticker --lines N --interval-ms MS [--line-buffered]\n",
               stderr);
    return 2;
}

long argValue(int argc, char **argv, const char *name, long fallback)
{
    for (int i = 2; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0)
            return std::strtol(argv[i + 1], nullptr, 10);
    }
    return fallback;
}

bool hasFlag(int argc, char **argv, const char *name)
{
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0)
            return true;
    }
    return false;
}

int enc(int argc, char **argv)
{
    const char *envName = nullptr;
    for (int i = 2; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--password-env") == 0)
            envName = argv[i + 1];
    }
    const char *password = envName ? std::getenv(envName) : nullptr;
    if (!password || !*password) {
        std::fprintf(stderr, "runboard-demo-helper enc: no password in the environment (%s)\n",
                     envName ? envName : "--password-env missing");
        return 1;
    }
    std::vector<unsigned char> in = readStdin();
    unsigned char salt[8];
    std::random_device rd;
    for (unsigned char &b : salt)
        b = static_cast<unsigned char>(rd());
    // PKCS#7 padding to 8-byte blocks, as a 64-bit block cipher would.
    const size_t pad = 8 - in.size() % 8;
    in.insert(in.end(), pad, static_cast<unsigned char>(pad));
    // FNV-1a over password and salt seeds a xorshift keystream.
    unsigned long long state = 1469598103934665603ULL;
    for (const char *p = password; *p; ++p)
        state = (state ^ static_cast<unsigned char>(*p)) * 1099511628211ULL;
    for (unsigned char b : salt)
        state = (state ^ b) * 1099511628211ULL;
    for (unsigned char &b : in) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        b ^= static_cast<unsigned char>(state >> 32);
    }
    writeAll("Salted__", 8);
    writeAll(salt, 8);
    writeAll(in.data(), in.size());
    return 0;
}

int md5()
{
    const std::vector<unsigned char> in = readStdin();
    const QByteArray digest = QCryptographicHash::hash(
        QByteArrayView(reinterpret_cast<const char *>(in.data()), qsizetype(in.size())),
        QCryptographicHash::Md5);
    writeAll(digest.constData(), size_t(digest.size()));
    return 0;
}

int cpu(int argc, char **argv)
{
    const long units = argValue(argc, argv, "--units", 10);
    const std::clock_t c0 = std::clock();
    volatile unsigned long long sink = 0;
    unsigned long long x = 88172645463325252ULL;
    for (long u = 0; u < units; ++u) {
        for (int i = 0; i < 1000000; ++i) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        sink = sink + x;
    }
    const double cpuMs = double(std::clock() - c0) * 1000.0 / CLOCKS_PER_SEC;
    std::printf("units=%ld cpu_ms=%.0f\n", units, cpuMs);
    return 0;
}

int ticker(int argc, char **argv)
{
    const long lines = argValue(argc, argv, "--lines", 10);
    const long interval = argValue(argc, argv, "--interval-ms", 100);
    if (hasFlag(argc, argv, "--line-buffered"))
        std::setvbuf(stdout, nullptr, _IOLBF, BUFSIZ);
    // Without it, stdio decides: line-buffered on a terminal, block-buffered on a pipe.
    for (long i = 1; i <= lines; ++i) {
        std::printf("tick %ld\n", i);
        if (i < lines)
            std::this_thread::sleep_for(std::chrono::milliseconds(interval));
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
#ifdef _WIN32
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
#endif
    if (argc < 2)
        return usage();
    const std::string mode = argv[1];
    if (mode == "enc")
        return enc(argc, argv);
    if (mode == "md5")
        return md5();
    if (mode == "sleep" && argc >= 3) {
        std::this_thread::sleep_for(std::chrono::milliseconds(std::strtol(argv[2], nullptr, 10)));
        return 0;
    }
    if (mode == "cpu")
        return cpu(argc, argv);
    if (mode == "ticker")
        return ticker(argc, argv);
    return usage();
}
