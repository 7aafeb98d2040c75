#pragma once

#include <QColor>
#include <QList>
#include <QString>

// Splits a line that may hold ANSI escape sequences into runs of plain text with the colours
// and weight that SGR sequences (ESC [ ... m) ask for. Every other escape sequence (cursor
// moves, OSC titles, ...) is removed. Styles carry over from one line to the next.
struct AnsiStyle
{
    QColor foreground; // invalid: the view's default
    QColor background;
    bool bold = false;
    bool underline = false;
    bool operator==(const AnsiStyle &o) const
    {
        return foreground == o.foreground && background == o.background && bold == o.bold
               && underline == o.underline;
    }
};

struct AnsiRun
{
    QString text;
    AnsiStyle style;
};

namespace AnsiText {
QList<AnsiRun> parse(const QString &line, AnsiStyle *state);
QString strip(const QString &line); // the plain text, for search, filter and copy
} // namespace AnsiText
