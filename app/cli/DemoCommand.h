#pragma once

#include <QStringList>

// runboard-cli demo [NAME [--trace FILE] [--json] [--helper] [--internet]]
int demoCommand(const QStringList &arguments);
