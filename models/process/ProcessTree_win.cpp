#include "process/ProcessTree.h"

// Windows: a tree is stopped through its Job Object (ChildSetup); there is no /proc to walk,
// so the snapshot is empty and handles are never valid.
namespace ProcessTree {
Snapshot snapshot() { return {}; }
void invalidateSnapshot() {}
Snapshot readSnapshot() { return {}; }
void primeSnapshot(const Snapshot &) {}
void forgetProcess(qint64) {}
SnapshotBatch::SnapshotBatch() = default;
SnapshotBatch::~SnapshotBatch() = default;
bool readInfo(qint64, Info *) { return false; }
bool isSupported() { return false; }
QList<qint64> descendants(const Snapshot &, const QList<qint64> &) { return {}; }
Indexed index(const Snapshot &) { return {}; }
std::shared_ptr<const Indexed> indexedSnapshot() { return std::make_shared<const Indexed>(); }
QList<qint64> descendants(const Indexed &, const QList<qint64> &) { return {}; }
quint64 pipeInode(int) { return 0; }
QList<qint64> holdersOf(const QList<qint64> &, const QList<quint64> &) { return {}; }
void becomeSubreaper() {}
Handle::Handle(Handle &&other) noexcept : m_pid(other.m_pid), m_startTime(other.m_startTime) { other.m_pid = 0; }
Handle &Handle::operator=(Handle &&other) noexcept { m_pid = other.m_pid; m_startTime = other.m_startTime; other.m_pid = 0; return *this; }
Handle::~Handle() = default;
void Handle::close() { m_pid = 0; }
Handle Handle::open(qint64, quint64) { return {}; }
Handle Handle::openChild(qint64) { return {}; }
bool Handle::signal(int) const { return false; }
} // namespace ProcessTree
