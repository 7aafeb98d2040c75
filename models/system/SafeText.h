#pragma once

#include <QString>

// Text from elsewhere (a server's reason phrases, error messages and URLs; a program's file
// name) on its way to people. Two rules hold for every human-readable output (terminal table,
// panel, tooltips, a process's name); the JSON output escapes control characters by itself but
// still needs the password removed.
class SafeText
{
public:
    // C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidirectional
    // embeddings, overrides and isolates (which show text as something else: "\u202Etxt.exe").
    static bool isControl(char32_t c);

    // Each of them written as a visible escape (\e, \n, \t, \r, \xNN, \u{NN}), so that the text
    // can never move the cursor, set the terminal's title, clear the screen, or reverse itself.
    static QString escapeControls(const QString &text);

    // "scheme://user:secret@host" becomes "scheme://user:***@host" wherever it occurs in
    // the text (requested URLs, final URLs, redirect targets, Qt's error strings).
    static QString redactCredentials(const QString &text);
};
