#pragma once

#include <QString>

// "SIGTERM" for 15, and back. Portable names for the signals a user can send from the board.
namespace SignalNames {
QString name(int signal);          // "SIGTERM"; "signal 42" for one without a name
int number(const QString &name);   // accepts "TERM", "SIGTERM", "15"; -1 when unknown
QList<int> userSignals();          // the ones worth offering in a menu, in menu order
} // namespace SignalNames
