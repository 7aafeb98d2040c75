#pragma once

// Qt 6.4's raster engine (QtGui) splits every fill of 96 lines or more, and some image
// conversions, over QThreadPool::globalInstance() and waits for the pool's threads: unless the
// painting thread is one of them, as QThreadPool::contains() tells it. On Linux Runboard
// answers that question itself (InlineFills.cpp): every thread does its own fills.
//
// Why: Runboard's machine is busy by design. With 100 children writing on 2 cores, the pool's
// threads wait for a core like any other thread, and the GUI thread waited for them: in a
// board run (bench_window's board1000) Qt handed off 1,009 fills, and the window's largest gaps
// of 25-57 ms were that wait (the thread neither on a CPU nor waiting for one). With every fill
// in the GUI thread: no hand-off, and the largest gaps of 32 board runs 4.4-11.3 ms. A paint
// gives up the second core on an idle machine; Runboard's paints are a table, text and scroll
// bars.
namespace InlineFills {
// True when QtGui's calls reach Runboard's answer (the program's own definition comes first:
// ELF symbol interposition). Also what makes the linker keep that definition: MainWindow
// calls it. Always false on other platforms.
bool active();
} // namespace InlineFills
