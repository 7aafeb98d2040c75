#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace {
// Our translators are children of the application with this name, so that a second call finds
// and replaces them (tests switch languages in one process).
constexpr char TranslatorName[] = "runboardTranslator";

QString s_current;

// "de_AT", "de-AT", "de" → "de"; "xx", "" → "" (QLocale parses unknown names as C).
QString languageCode(const QString &name)
{
    const QLocale locale(name);
    if (locale.language() == QLocale::C || locale.language() == QLocale::AnyLanguage)
        return {};
    return QLocale::languageToCode(locale.language());
}

bool addTranslator(QCoreApplication *app, const QString &file, const QString &directory)
{
    auto *translator = new QTranslator(app);
    translator->setObjectName(QLatin1String(TranslatorName));
    if (!translator->load(file, directory) || !QCoreApplication::installTranslator(translator)) {
        delete translator;
        return false;
    }
    return true;
}
} // namespace

QStringList Translations::available()
{
    return {QStringLiteral("de"), QStringLiteral("en")};
}

QString Translations::resolve(const QString &requested)
{
    const QStringList names = requested.isEmpty() ? QLocale::system().uiLanguages()
                                                  : QStringList{requested};
    for (const QString &name : names) {
        const QString code = languageCode(name);
        if (available().contains(code))
            return code;
    }
    return QStringLiteral("en");
}

QString Translations::current()
{
    return s_current;
}

QString installTranslations(QCoreApplication *app, const QString &language)
{
    const auto earlier = app->findChildren<QTranslator *>(QLatin1String(TranslatorName),
                                                          Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : earlier) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }

    const QString code = Translations::resolve(language);
    QString problem;
    if (!language.isEmpty() && code != languageCode(language)) {
        problem = QCoreApplication::translate("Translations",
                                              "no translation for language \"%1\" (available: "
                                              "%2); using English")
                      .arg(language, Translations::available().join(QStringLiteral(", ")));
    }
    if (!language.isEmpty())
        QLocale::setDefault(QLocale(code));

    // Installed first, so ours (searched first, as the latest) win where both have a string.
    if (code != QLatin1String("en")) {
        const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (!addTranslator(app, QStringLiteral("qtbase_") + code, qtDir) && problem.isEmpty()) {
            problem = QCoreApplication::translate("Translations",
                                                  "Qt's own translation qtbase_%1.qm is not in "
                                                  "%2; standard buttons stay English")
                          .arg(code, qtDir);
        }
    }
    if (!addTranslator(app, QStringLiteral("runboard_") + code, QStringLiteral(":/i18n"))
        && problem.isEmpty()) {
        // Only a broken build gets here: the .qm files are compiled in.
        problem = QCoreApplication::translate("Translations",
                                              "runboard_%1.qm is missing from the resources")
                      .arg(code);
    }
    s_current = code;
    return problem;
}
