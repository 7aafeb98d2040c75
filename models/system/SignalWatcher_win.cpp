// SignalWatcher on Windows: the console's Ctrl+C, Ctrl+Break and close events
// (Win32Tree::onConsoleControl), handed from the system's console-control thread to the
// watcher's thread. A program without a console (the window) gets none of them.
#include "system/SignalWatcher.h"
#include "process/Win32Tree.h"

#include <QMetaObject>

#include <atomic>

namespace {
std::atomic<SignalWatcher *> g_watcher{nullptr};

void onControl(int signal)
{
    if (SignalWatcher *w = g_watcher.load()) {
        // Sender unknown (0): a console event always counts.
        QMetaObject::invokeMethod(w, [w, signal] { w->arrive(signal, 0, 0); }, Qt::QueuedConnection);
    }
}
} // namespace

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
