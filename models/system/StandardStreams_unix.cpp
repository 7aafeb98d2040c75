#include "system/StandardStreams.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

void StandardStreams::holdClosedOnes()
{
    static constexpr int WrongWay[3] = {O_WRONLY, O_RDONLY, O_RDONLY};
    for (int fd = 0; fd < 3; ++fd) {
        if (::fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        // The lowest free number: this one, as the ones below are open by now.
        const int held = ::open("/dev/null", WrongWay[fd] | O_NOCTTY);
        if (held >= 0 && held != fd) {
            ::dup2(held, fd);
            ::close(held);
        }
    }
}
