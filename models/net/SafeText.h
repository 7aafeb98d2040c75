#pragma once

#include <QString>

// Text from servers (reason phrases, error messages, URLs) on its way to people. Two rules
// hold for every human-readable output (terminal table, panel, tooltips); the JSON output
// escapes control characters by itself but still needs the password removed.
class SafeText
{
public:
    // C0 controls, DEL and C1 controls written as visible escapes (\e, \n, \t, \r, \xNN,
    // \u{NN}), so that a server's text can never move the cursor, set the terminal's title or
    // clear the screen.
    static QString escapeControls(const QString &text);

    // "scheme://user:secret@host" becomes "scheme://user:***@host" wherever it occurs in
    // the text (requested URLs, final URLs, redirect targets, Qt's error strings).
    static QString redactCredentials(const QString &text);
};
