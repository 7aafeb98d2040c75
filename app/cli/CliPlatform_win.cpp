// runboard-cli's Windows parts (CliCommon.h): writing to a descriptor, and the console's
// Ctrl+C, Ctrl+Break and close events (Win32Tree::onConsoleControl) turned into
// SignalWatcher::interrupted on the event loop.
#include "cli/CliCommon.h"
#include "process/Win32Tree.h"

#include <QMetaObject>

#include <atomic>
#include <cerrno>
#include <io.h>

namespace {
std::atomic<Cli::SignalWatcher *> g_watcher{nullptr};

// On the system's console-control thread: hand the event to the watcher's thread.
void onControl(int signal)
{
    if (Cli::SignalWatcher *w = g_watcher.load())
        QMetaObject::invokeMethod(w, [w, signal] { w->deliver(signal); }, Qt::QueuedConnection);
}
} // namespace

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

bool isTerminal(int fd)
{
    return ::_isatty(fd) != 0;
}

SignalWatcher::SignalWatcher(QObject *parent) : QObject(parent)
{
    g_watcher.store(this);
    Win32Tree::onConsoleControl(onControl);
}

SignalWatcher::~SignalWatcher()
{
    Win32Tree::onConsoleControl(nullptr);
    g_watcher.store(nullptr);
}

} // namespace Cli
