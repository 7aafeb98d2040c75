#pragma once

#include <QStringList>

// runboard-cli fetch [options] (URL... | --url-file FILE)
int fetchCommand(const QStringList &arguments);
// runboard-cli serve-demo [--port N]
int serveDemoCommand(const QStringList &arguments);
