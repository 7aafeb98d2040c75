#pragma once

#include <QJsonObject>
#include <QString>

class ProcessJob;

// How a finished job is reported by runboard-cli (a line of text or a JSON object) and by the
// session/timeline exports: one place, so the window and the CLI say the same thing.
namespace RunSummary {
QJsonObject toJson(const ProcessJob &job);
QString toLine(const ProcessJob &job);
QString formatBytes(qint64 bytes);
} // namespace RunSummary
