// runboard-cli's Unix parts (CliCommon.h): writing to a descriptor at pipe speed, and whether
// one is a terminal.
#include "cli/CliCommon.h"

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace Cli {

bool writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n > 0) {
            data += n;
            size -= n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p{fd, POLLOUT, 0};
            ::poll(&p, 1, -1);
            continue;
        }
        return false; // EPIPE and friends: nobody reads any more
    }
    return true;
}

bool readerGone(int error)
{
    return error == EPIPE;
}

bool isTerminal(int fd)
{
    return ::isatty(fd) == 1;
}

} // namespace Cli
