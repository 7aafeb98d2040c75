#pragma once

#include "process/TurnBudget.h"

#include <QtGlobal>

#include <functional>
#include <memory>

class QSocketNotifier;
class PipeWatchSet;

// Watches the read ends of OutputPipes (and children's pidfds, see ChildSetup::adopt) for
// readiness. On Linux all the pipes of a thread share
// one epoll set, and the thread's event loop watches that one descriptor: with a thousand
// children the loop polled two thousand pipes every turn (with the glib dispatcher that was
// about half of the GUI thread's time), now it polls one. Elsewhere, or when the epoll set
// refuses a descriptor, each pipe has a QSocketNotifier of its own, as before.
//
// Level-triggered, as QSocketNotifier: a pipe that was not emptied is reported again in the
// next turn. Each ready pipe gets one callback per turn, in the order the kernel reports them
// (which rotates, so none starves). A callback may remove any watch, its own included. A watch
// belongs to the thread that made it: it must not move to, or die in, another one.
class PipeWatch final
{
    Q_DISABLE_COPY_MOVE(PipeWatch)
public:
    // Callbacks of one turn stop once they have taken this long (Linux), less what other
    // budgeted work took in the same turn (TurnBudget); the first ready watch is always
    // called. The watches not called yet are called in the next turns.
    static constexpr qint64 TurnBudgetNs = TurnBudget::BudgetNs;

    // Starts disabled: call setEnabled(true). `ready` runs in this thread.
    PipeWatch(int fd, std::function<void()> ready);
    ~PipeWatch();

    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

private:
    friend class PipeWatchSet;
    int m_fd;
    std::function<void()> m_ready;
    bool m_enabled = false;
    PipeWatchSet *m_set = nullptr;          // this thread's epoll set (Linux)
    quint64 m_id = 0;                       // in that set; 0: not there
    std::unique_ptr<QSocketNotifier> m_own; // the fallback
};
