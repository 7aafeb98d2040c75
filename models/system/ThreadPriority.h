#pragma once

// Background threads that must never take a core from the GUI thread: the fetch runners (and
// the HTTP threads of their managers, which inherit the setting) lower their own priority a
// little, so a window that has work to do runs first when the cores are busy.
class ThreadPriority
{
public:
    // Lowers the calling thread's priority one step below normal (Linux: nice +5 for this
    // thread and the threads it starts; elsewhere QThread::LowPriority). Never raises it.
    static void lowerCurrentThread();
};
