#include "system/ThreadPriority.h"

#include <QThread>

void ThreadPriority::lowerCurrentThread()
{
    if (QThread::currentThread()->priority() > QThread::LowPriority)
        QThread::currentThread()->setPriority(QThread::LowPriority);
}
