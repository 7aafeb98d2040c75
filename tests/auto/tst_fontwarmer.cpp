// FontWarmer: the window's faces are loaded once, in the background and then in the GUI
// thread, and the sample covers every character Runboard's own texts use.
#include "FontWarmer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

class TestFontWarmer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void warmsOnceAndKeepsTheFonts()
    {
        QFont italic(QStringLiteral("monospace"));
        italic.setStyleHint(QFont::TypeWriter);
        italic.setItalic(true);
        QFont bold;
        bold.setBold(true);
        const QList<QFont> fonts{italic, bold};
        FontWarmer warmer;
        QSignalSpy warmed(&warmer, &FontWarmer::warmed);
        warmer.warm(fonts);
        QVERIFY(!warmer.isWarm()); // the background pass comes first
        QVERIFY(warmed.wait(30000));
        QVERIFY(warmer.isWarm());
        QCOMPARE(warmer.fonts(), fonts);
        warmer.warm({QFont()}); // once is enough
        QTest::qWait(50);
        QCOMPARE(warmed.count(), 1);
        QCOMPARE(warmer.fonts(), fonts);
    }

    void goingAwayWhileWarmingIsSafe()
    {
        // The window closed at once: the background pass has nothing of the warmer's.
        auto *warmer = new FontWarmer;
        warmer->warm({QFont()});
        delete warmer;
        FontWarmer other;
        QSignalSpy warmed(&other, &FontWarmer::warmed);
        other.warm({QFont()});
        QVERIFY(warmed.wait(30000)); // the pool went on
    }

    void sampleCoversOurTexts()
    {
        // Every character outside ASCII in a string literal of the window's and the engine's
        // sources (a symbol in a label, a dash in a message) is in the sample.
        const QString sample = FontWarmer::sampleText();
        for (char16_t c = 0x20; c < 0x7f; ++c)
            QVERIFY(sample.contains(QChar(c)));
        const QDir root(QStringLiteral(RB_TEST_DATA "/../.."));
        const QRegularExpression literal(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\""));
        int files = 0;
        for (const char *dir : {"ui", "models", "app"}) {
            QDirIterator it(root.filePath(QString::fromLatin1(dir)), {QStringLiteral("*.cpp")},
                            QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                QVERIFY(f.open(QIODevice::ReadOnly));
                ++files;
                const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
                for (const QString &line : lines) {
                    if (line.trimmed().startsWith(QLatin1String("//")))
                        continue;
                    auto m = literal.globalMatch(line);
                    while (m.hasNext()) {
                        const QString text = m.next().captured();
                        for (const QChar c : text)
                            if (c.unicode() >= 0x80 && !c.isSurrogate())
                                QVERIFY2(sample.contains(c), qPrintable(QStringLiteral("%1 (U+%2) in %3")
                                                                            .arg(c).arg(c.unicode(), 4, 16, QLatin1Char('0'))
                                                                            .arg(f.fileName())));
                    }
                }
            }
        }
        QVERIFY(files > 50);
    }
};

QTEST_MAIN(TestFontWarmer)
#include "tst_fontwarmer.moc"
