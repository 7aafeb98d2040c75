#pragma once

#include <QString>
#include <QStringList>

// What the gallery and `runboard-cli demo` show for each demo, and the two small Python
// programs the demos run. All of it is ours; the snippets are short on purpose.
struct DemoInfo
{
    QString name;    // "parallel", "pipe", "timeout", "threads", "processes", "buffering"
    QString title;   // translated
    QString watch;   // what to watch, two or three sentences (translated)
    QString python;  // the lesson in Python
    QString cpp;     // the same with Qt
};

namespace DemoTexts {
QStringList names();
DemoInfo info(const QString &name); // an empty name when unknown
// Demo 5: CPU work on threads and on processes; argv: PARTS N; prints one JSON line.
QString cpuPythonProgram();
// Demo 6: prints "tick I" every 100 ms; the buffering is left to Python.
QString tickerPythonProgram();
} // namespace DemoTexts
