#pragma once

#include "process/LaunchSpec.h"

#include <QCoreApplication>
#include <QStringList>

// Splits a command line typed by a person into argv words the way a POSIX shell would
// (quotes, backslashes), without running a shell: nothing is expanded. An unquoted '|'
// separates pipeline stages.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
public:
    // Words of one command; on error returns {} and sets *error (e.g. an unbalanced quote).
    static QStringList split(const QString &text, QString *error);
    // Stages separated by unquoted '|' tokens.
    static QList<QStringList> splitPipeline(const QString &text, QString *error);
    // The inverse: a line that split() turns back into the same words.
    static QString join(const QStringList &words);
};
