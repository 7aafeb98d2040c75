#pragma once

class QThreadPool;

// The threads for Runboard's own background work (reading /proc, loading and saving files,
// listing folders), kept off QThreadPool::globalInstance(). Qt's raster paint engine splits a
// large fill (a scroll bar, a tab widget's frame: more than 96 scan lines) across the global
// pool and the GUI thread waits for it. Work of ours queued there, or a pool thread left at a
// lowered priority by it, held the window's paint up behind it: `perf` of 20 children keeping
// both cores busy showed the GUI thread waiting in QSemaphore::acquire under
// QScrollBar::paintEvent and QTabWidget::paintEvent 1,256 times in 100 s.
namespace BackgroundPool {
// Normal priority: work someone waits for (a Stop All's snapshot of /proc, a file to open).
QThreadPool *instance();
// One thread at a lowered priority (ThreadPriority::lowerCurrentThread) for work nobody waits
// for: the resource sampler.
QThreadPool *lowPriority();
} // namespace BackgroundPool
