#pragma once

#include <QStringList>

// runboard-cli start [--json] SESSION.json
int startCommand(const QStringList &arguments);
