#include "AnsiText.h"

namespace {
QColor basicColour(int n, bool bright)
{
    static const QColor normal[8] = {QColor(0, 0, 0),       QColor(205, 49, 49),
                                     QColor(13, 188, 121),  QColor(229, 229, 16),
                                     QColor(36, 114, 200),  QColor(188, 63, 188),
                                     QColor(17, 168, 205),  QColor(229, 229, 229)};
    static const QColor light[8] = {QColor(102, 102, 102), QColor(241, 76, 76),
                                    QColor(35, 209, 139),  QColor(245, 245, 67),
                                    QColor(59, 142, 234),  QColor(214, 112, 214),
                                    QColor(41, 184, 219),  QColor(255, 255, 255)};
    return bright ? light[n & 7] : normal[n & 7];
}

QColor xtermColour(int n)
{
    if (n < 8)
        return basicColour(n, false);
    if (n < 16)
        return basicColour(n - 8, true);
    if (n < 232) {
        n -= 16;
        static const int level[6] = {0, 95, 135, 175, 215, 255};
        return QColor(level[n / 36], level[(n / 6) % 6], level[n % 6]);
    }
    const int g = 8 + (n - 232) * 10;
    return QColor(g, g, g);
}

void applySgr(const QList<int> &codes, AnsiStyle *s)
{
    for (int i = 0; i < codes.size(); ++i) {
        const int c = codes.at(i);
        if (c == 0) {
            *s = AnsiStyle{};
        } else if (c == 1) {
            s->bold = true;
        } else if (c == 4) {
            s->underline = true;
        } else if (c == 22) {
            s->bold = false;
        } else if (c == 24) {
            s->underline = false;
        } else if (c >= 30 && c <= 37) {
            s->foreground = basicColour(c - 30, false);
        } else if (c >= 90 && c <= 97) {
            s->foreground = basicColour(c - 90, true);
        } else if (c == 39) {
            s->foreground = QColor();
        } else if (c >= 40 && c <= 47) {
            s->background = basicColour(c - 40, false);
        } else if (c >= 100 && c <= 107) {
            s->background = basicColour(c - 100, true);
        } else if (c == 49) {
            s->background = QColor();
        } else if ((c == 38 || c == 48) && i + 1 < codes.size()) {
            QColor colour;
            if (codes.at(i + 1) == 5 && i + 2 < codes.size()) {
                colour = xtermColour(codes.at(i + 2) & 255);
                i += 2;
            } else if (codes.at(i + 1) == 2 && i + 4 < codes.size()) {
                colour = QColor(codes.at(i + 2) & 255, codes.at(i + 3) & 255, codes.at(i + 4) & 255);
                i += 4;
            }
            (c == 38 ? s->foreground : s->background) = colour;
        }
    }
}
} // namespace

QList<AnsiRun> AnsiText::parse(const QString &line, AnsiStyle *state)
{
    QList<AnsiRun> runs;
    if (!line.contains(QChar(0x1b))) {
        runs.append({line, *state});
        return runs;
    }
    QString current;
    auto flush = [&] {
        if (!current.isEmpty())
            runs.append({current, *state});
        current.clear();
    };
    const qsizetype n = line.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar ch = line.at(i);
        if (ch != QChar(0x1b)) {
            current += ch;
            continue;
        }
        if (i + 1 >= n)
            break;
        const QChar kind = line.at(i + 1);
        if (kind == QLatin1Char('[')) {
            // CSI: parameters, then a final byte in @..~
            qsizetype j = i + 2;
            while (j < n && !(line.at(j).unicode() >= 0x40 && line.at(j).unicode() <= 0x7e))
                ++j;
            if (j < n && line.at(j) == QLatin1Char('m')) {
                flush();
                QList<int> codes;
                const QStringView params = QStringView(line).mid(i + 2, j - i - 2);
                if (params.isEmpty())
                    codes << 0;
                for (const QStringView p : params.split(QLatin1Char(';')))
                    codes << p.toInt();
                applySgr(codes, state);
            }
            i = j;
        } else if (kind == QLatin1Char(']')) {
            // OSC: up to BEL or ESC backslash.
            qsizetype j = i + 2;
            while (j < n && line.at(j) != QChar(7)
                   && !(line.at(j) == QChar(0x1b) && j + 1 < n && line.at(j + 1) == QLatin1Char('\\')))
                ++j;
            i = (j < n && line.at(j) == QChar(0x1b)) ? j + 1 : j;
        } else {
            i += 1; // a two-byte escape
        }
    }
    flush();
    return runs;
}

QString AnsiText::strip(const QString &line)
{
    if (!line.contains(QChar(0x1b)))
        return line;
    AnsiStyle ignored;
    QString plain;
    for (const AnsiRun &r : parse(line, &ignored))
        plain += r.text;
    return plain;
}
