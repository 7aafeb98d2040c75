// runboard-cli's Windows parts (CliCommon.h): writing to a descriptor, and whether one is a
// console.
#include "cli/CliCommon.h"

#include <cerrno>
#include <io.h>

namespace Cli {

bool writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const unsigned chunk = size > (1 << 30) ? 1u << 30 : unsigned(size);
        const int n = ::_write(fd, data, chunk);
        if (n > 0) {
            data += n;
            size -= n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        return false; // the reader went away
    }
    return true;
}

bool readerGone(int error)
{
    return error == EPIPE || error == EINVAL; // a closed pipe, as _write() reports it
}

bool isTerminal(int fd)
{
    return ::_isatty(fd) != 0;
}

} // namespace Cli
