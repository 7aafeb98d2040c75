#include "process/BufferingDetector.h"

#include <QFileInfo>

#include <algorithm>

void BufferingDetector::addRead(qint64 atMs, qint64 bytes)
{
    if (m_ruledOut || bytes <= 0)
        return;
    if (bytes % BlockBytes != 0 || bytes > MaxBurstBytes) {
        m_ruledOut = true;
        return;
    }
    // Reads close together are one burst that the pipe happened to hand over in pieces.
    if (m_lastBurstMs < 0 || atMs - m_lastBurstMs >= MinGapMs)
        ++m_bursts;
    m_lastBurstMs = atMs;
}

LaunchSpec lineBufferedSpec(const LaunchSpec &spec, const QString &stdbufPath)
{
    LaunchSpec out = spec;
    auto &set = out.environment.set;
    set.erase(std::remove_if(set.begin(), set.end(),
                             [](const auto &kv) { return kv.first == QLatin1String("PYTHONUNBUFFERED"); }),
              set.end());
    set.append({QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1")});
    out.environment.unset.removeAll(QStringLiteral("PYTHONUNBUFFERED"));
    if (stdbufPath.isEmpty())
        return out;
    auto wrap = [&stdbufPath](CommandStage &stage) {
        if (QFileInfo(stage.program).fileName() == QLatin1String("stdbuf"))
            return;
        stage.arguments = QStringList{QStringLiteral("-oL"), QStringLiteral("-eL"), stage.program}
                          + stage.arguments;
        stage.program = stdbufPath;
    };
    wrap(out.command);
    for (CommandStage &stage : out.pipeline)
        wrap(stage);
    return out;
}
