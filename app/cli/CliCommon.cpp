#include "cli/CliCommon.h"

#include "system/SafeText.h"
#include "timeline/TimelineRecorder.h"
#include "timeline/TraceExport.h"

#include <cerrno>
#include <cmath>

namespace Cli {

void printError(const QString &message)
{
    // A message may quote a session file's program or path: never a terminal sequence of its.
    const QByteArray line = "runboard-cli: " + SafeText::escapeControls(message).toLocal8Bit() + '\n';
    writeAll(StderrFd, line);
}

bool writeTrace(const QString &path, TimelineRecorder &recorder)
{
    recorder.refresh();
    const QString error = TraceExport::writeFile(path, recorder.tracks(), Timeline::nowUs());
    if (!error.isEmpty())
        printError(error);
    return error.isEmpty();
}

void printLine(int fd, const QString &line)
{
    writeAll(fd, line.toLocal8Bit() + '\n');
}

std::optional<qint64> parseSeconds(const QString &option, const QString &text, QString *error)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v)) {
        *error = QObject::tr("%1: \"%2\" is not a number of seconds").arg(option, text);
        return std::nullopt;
    }
    if (v < 0) {
        *error = QObject::tr("%1: %2 is negative").arg(option, text);
        return std::nullopt;
    }
    if (v > 7 * 24 * 3600) {
        *error = QObject::tr("%1: %2 s is longer than the 7-day limit").arg(option, text);
        return std::nullopt;
    }
    return qint64(std::llround(v * 1000.0));
}

std::optional<qint64> parseCount(const QString &option, const QString &text, qint64 max,
                                 QString *error, qint64 min)
{
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    if (!ok) {
        *error = QObject::tr("%1: \"%2\" is not a whole number").arg(option, text);
        return std::nullopt;
    }
    if (v < min || v > max) {
        *error = QObject::tr("%1: %2 is out of range (%3 to %4)").arg(option, text).arg(min).arg(max);
        return std::nullopt;
    }
    return v;
}

} // namespace Cli
