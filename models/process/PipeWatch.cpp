#include "process/PipeWatch.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSocketNotifier>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/epoll.h>
#include <unistd.h>
#endif

#ifdef Q_OS_LINUX
// The epoll set of one thread: made with its first watch, gone with its last.
class PipeWatchSet final
{
    Q_DISABLE_COPY_MOVE(PipeWatchSet)
public:
    static PipeWatchSet *acquire()
    {
        if (!t_set) {
            const int fd = ::epoll_create1(EPOLL_CLOEXEC);
            if (fd < 0)
                return nullptr;
            t_set = new PipeWatchSet(fd);
        }
        ++t_set->m_users;
        return t_set;
    }

    void release()
    {
        if (--m_users == 0 && !m_dispatching)
            destroy();
    }

    // Returns the watch's id in the set, or 0 when the kernel refused the descriptor.
    quint64 add(PipeWatch *watch)
    {
        const quint64 id = m_nextId++;
        epoll_event ev = {};
        ev.events = EPOLLIN;
        ev.data.u64 = id;
        if (::epoll_ctl(m_fd, EPOLL_CTL_ADD, watch->m_fd, &ev) != 0)
            return 0;
        m_watches.insert(id, watch);
        return id;
    }

    void remove(quint64 id, int fd)
    {
        m_watches.remove(id);
        ::epoll_ctl(m_fd, EPOLL_CTL_DEL, fd, nullptr);
    }

private:
    explicit PipeWatchSet(int fd) : m_fd(fd), m_notifier(fd, QSocketNotifier::Read)
    {
        QObject::connect(&m_notifier, &QSocketNotifier::activated, &m_notifier,
                         [this] { dispatch(); });
    }

    ~PipeWatchSet() { ::close(m_fd); }

    void destroy()
    {
        t_set = nullptr;
        delete this;
    }

    void dispatch()
    {
        // Level-triggered: whatever a callback leaves in its pipe is reported again next turn.
        epoll_event events[256];
        int n;
        do {
            n = ::epoll_wait(m_fd, events, int(std::size(events)), 0);
        } while (n < 0 && errno == EINTR);
        m_dispatching = true;
        QElapsedTimer spent;
        spent.start();
        qint64 counted = 0;
        // The kernel hands out the same ready watches in the same order turn after turn: a
        // turn cut short (below) goes on where the last one stopped, so that none starves.
        const int first = n > 0 ? int(m_resumeAt % unsigned(n)) : 0;
        for (int k = 0; k < n; ++k) {
            const int i = (first + k) % n;
            // A callback may have removed this watch (or any other) in the meantime.
            const auto it = m_watches.constFind(events[i].data.u64);
            if (it == m_watches.constEnd())
                continue;
            const std::function<void()> ready = it.value()->m_ready; // it may delete itself
            ready();
            // Counted after each callback, so that the next one sees what is left of the turn
            // (a pipe's reader stops on time too: OutputPipe::readSome).
            const qint64 now = spent.nsecsElapsed();
            TurnBudget::add(now - counted);
            counted = now;
            // The rest wait for the next turn (level-triggered: they are reported again). A
            // thousand children stopped at once ended in one turn: 15 ms of the GUI thread's
            // time (board1000).
            // What the turn's other budgeted work (starts, stops) took counts too.
            if (k + 1 < n && TurnBudget::leftNs(0) <= 0) {
                m_resumeAt = unsigned(i + 1);
                break;
            }
        }
        m_dispatching = false;
        if (m_users == 0)
            destroy(); // QSocketNotifier's activated() emits nothing after its slots
    }

    static thread_local PipeWatchSet *t_set;
    int m_fd;
    QSocketNotifier m_notifier;
    QHash<quint64, PipeWatch *> m_watches;
    quint64 m_nextId = 1;
    int m_users = 0;
    unsigned m_resumeAt = 0; // where in the kernel's list the next turn starts
    bool m_dispatching = false;
};

thread_local PipeWatchSet *PipeWatchSet::t_set = nullptr;
#endif

PipeWatch::PipeWatch(int fd, std::function<void()> ready) : m_fd(fd), m_ready(std::move(ready))
{
#ifdef Q_OS_LINUX
    m_set = PipeWatchSet::acquire();
#endif
}

PipeWatch::~PipeWatch()
{
    setEnabled(false);
    if (m_own)
        m_own.release()->deleteLater(); // we may be inside its activated() signal
#ifdef Q_OS_LINUX
    if (m_set)
        m_set->release();
#endif
}

void PipeWatch::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
#ifdef Q_OS_LINUX
    // Out of the set while disabled: an ended writer's pipe reports EPOLLHUP whatever events
    // are asked for, and would wake the loop every turn.
    if (!m_own && m_set) {
        if (!enabled && m_id) {
            m_set->remove(m_id, m_fd);
            m_id = 0;
            return;
        }
        if (enabled && (m_id = m_set->add(this)) != 0)
            return;
    }
#endif
    if (!m_own) {
        if (!enabled)
            return;
        m_own = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
        QObject::connect(m_own.get(), &QSocketNotifier::activated, m_own.get(), [this] {
            const std::function<void()> ready = m_ready; // it may delete this watch
            ready();
        });
    }
    m_own->setEnabled(enabled);
}
