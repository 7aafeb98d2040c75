#include "system/SafeText.h"

#include <QRegularExpression>

#include <algorithm>

bool SafeText::isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) // C0 (ESC starts terminal sequences), DEL, C1
           || c == 0x2028 || c == 0x2029 // line and paragraph separators
           || (c >= 0x202a && c <= 0x202e) // bidirectional embeddings and overrides
           || (c >= 0x2066 && c <= 0x2069); // bidirectional isolates
}

QString SafeText::escapeControls(const QString &text)
{
    // Every one of them is in the Basic Multilingual Plane: a UTF-16 unit each.
    if (std::none_of(text.cbegin(), text.cend(), [](QChar c) { return isControl(c.unicode()); }))
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (QChar qc : text) {
        const char16_t c = qc.unicode();
        if (!isControl(c)) {
            out += qc;
            continue;
        }
        switch (c) {
        case 0x1b: out += QLatin1String("\\e"); break;
        case '\n': out += QLatin1String("\\n"); break;
        case '\r': out += QLatin1String("\\r"); break;
        case '\t': out += QLatin1String("\\t"); break;
        default:
            // C1 controls are characters, not bytes: \u{9b} says so, where \x9b would not.
            out += (c < 0x80 ? QLatin1String("\\x") : QLatin1String("\\u{"))
                   + QString::number(c, 16).rightJustified(2, QLatin1Char('0'))
                   + (c < 0x80 ? QString() : QStringLiteral("}"));
        }
    }
    return out;
}

QString SafeText::redactCredentials(const QString &text)
{
    if (!text.contains(QLatin1Char('@')))
        return text;
    // The authority runs from "//" to the next '/', '?', '#' or space; its user information
    // ends at its last '@'. Only the password (after the first ':') is hidden.
    static const QRegularExpression userInfo(
        QStringLiteral(R"((//[^/?#@\s:]*):[^/?#\s]*@)"));
    QString out = text;
    out.replace(userInfo, QStringLiteral("\\1:***@"));
    return out;
}
