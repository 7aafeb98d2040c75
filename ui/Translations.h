#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

// The languages Runboard's window speaks, and the one place that loads them (issue 11).
//
// English is the source language; runboard_en.qm holds only the English plural forms ("1
// process", "2 processes"), which Qt applies from a .qm file only. Every language Runboard
// speaks gets its .qm from :/i18n and, where the system has it, Qt's own qtbase_<lang>.qm for
// standard buttons and dialogs.
namespace Translations {

// Language codes with a translation of their own, English included: {"de", "en"}.
QStringList available();

// The language to use for `requested` ("de", "de_AT", "en-GB"; empty: the system locale's UI
// languages, first match wins). Unknown and unshipped languages give English.
QString resolve(const QString &requested);

// The language installed by the last install(), or an empty string before any.
QString current();

} // namespace Translations

// Installs Qt's and Runboard's translators for `language` (see Translations::resolve) into
// `app`, replacing those of an earlier call; an explicit language also becomes the default
// QLocale, so that numbers match the words. Returns an empty string, or a one-line message
// naming the problem: a language Runboard has no translation for (English is used instead), or
// Qt's own translation missing (standard buttons then stay English). Call it before creating
// windows: widgets take their texts when they are built.
QString installTranslations(QCoreApplication *app, const QString &language);
