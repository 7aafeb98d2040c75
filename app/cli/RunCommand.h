#pragma once

#include <QStringList>

// runboard-cli run [options] -- PROGRAM [ARGS...] ['|' PROGRAM [ARGS...]]...
int runCommand(const QStringList &arguments);
