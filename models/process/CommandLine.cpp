#include "process/CommandLine.h"

QStringList CommandLine::split(const QString &text, QString *error)
{
    const QList<QStringList> stages = splitPipeline(text, error);
    if (!error->isEmpty())
        return {};
    if (stages.size() > 1) {
        *error = tr("'|' is not allowed here");
        return {};
    }
    return stages.value(0);
}

QList<QStringList> CommandLine::splitPipeline(const QString &text, QString *error)
{
    error->clear();
    // Stages are split as the '|' is read: a marker word standing for it could also be typed.
    QList<QStringList> stages{QStringList{}};
    bool emptyStage = false; // reported after an unbalanced quote, which explains more
    QString word;
    bool inWord = false;
    enum { Plain, Single, Double } mode = Plain;
    int quoteStart = 0;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (mode == Single) {
            if (c == QLatin1Char('\''))
                mode = Plain;
            else
                word += c;
            continue;
        }
        if (mode == Double) {
            if (c == QLatin1Char('"')) {
                mode = Plain;
            } else if (c == QLatin1Char('\\') && i + 1 < text.size()
                       && QStringLiteral("\"\\$`").contains(text.at(i + 1))) {
                word += text.at(++i);
            } else {
                word += c;
            }
            continue;
        }
        if (c.isSpace()) {
            if (inWord)
                stages.last() << word;
            word.clear();
            inWord = false;
        } else if (c == QLatin1Char('\'')) {
            mode = Single;
            quoteStart = i;
            inWord = true;
        } else if (c == QLatin1Char('"')) {
            mode = Double;
            quoteStart = i;
            inWord = true;
        } else if (c == QLatin1Char('\\')) {
            if (i + 1 >= text.size()) {
                *error = tr("a backslash at the end of the line escapes nothing");
                return {};
            }
            word += text.at(++i);
            inWord = true;
        } else if (c == QLatin1Char('|')) {
            if (inWord)
                stages.last() << word;
            word.clear();
            inWord = false;
            emptyStage = emptyStage || stages.last().isEmpty();
            stages.append(QStringList{});
        } else {
            word += c;
            inWord = true;
        }
    }
    if (mode != Plain) {
        *error = mode == Single ? tr("unbalanced single quote (opened at column %1)").arg(quoteStart + 1)
                                : tr("unbalanced double quote (opened at column %1)").arg(quoteStart + 1);
        return {};
    }
    if (inWord)
        stages.last() << word;
    if (emptyStage) {
        *error = tr("empty pipeline stage (a '|' at the start or two in a row)");
        return {};
    }
    if (stages.size() > 1 && stages.last().isEmpty()) {
        *error = tr("empty pipeline stage (a '|' at the end)");
        return {};
    }
    return stages;
}

QString CommandLine::join(const QStringList &words)
{
    QStringList quoted;
    for (const QString &w : words)
        quoted << (w == QLatin1String("|") ? QStringLiteral("'|'") : shellQuote(w));
    return quoted.join(QLatin1Char(' '));
}
