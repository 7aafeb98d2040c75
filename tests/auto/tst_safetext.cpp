#include "system/SafeText.h"

#include <QTest>

// SafeText: text from elsewhere (servers, programs' file names) on its way to people.
class TestSafeText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escapeControls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::addRow("plain") << QStringLiteral("200 OK") << QStringLiteral("200 OK");
        QTest::addRow("letters of every kind") << QStringLiteral("café 服务 \U0001F469\u200D\U0001F4BB")
                                               << QStringLiteral("café 服务 \U0001F469\u200D\U0001F4BB");
        QTest::addRow("line break, return, tab") << QStringLiteral("a\nb\rc\td")
                                                 << QStringLiteral("a\\nb\\rc\\td");
        QTest::addRow("clear the screen") << QStringLiteral("\x1b[2Jx") << QStringLiteral("\\e[2Jx");
        QTest::addRow("title, bell") << QStringLiteral("\x1b]0;owned\x07") << QStringLiteral("\\e]0;owned\\x07");
        QTest::addRow("NUL, DEL") << (QStringLiteral("a") + QChar(0) + QStringLiteral("\x7f"))
                                  << QStringLiteral("a\\x00\\x7f");
        QTest::addRow("C1 CSI") << QStringLiteral("\u009b2J") << QStringLiteral("\\u{9b}2J");
        QTest::addRow("right-to-left override") << QStringLiteral("\u202Etxt.exe")
                                                << QStringLiteral("\\u{202e}txt.exe");
        QTest::addRow("embedding, isolates") << QStringLiteral("\u202Aa\u2066b\u2069")
                                             << QStringLiteral("\\u{202a}a\\u{2066}b\\u{2069}");
        QTest::addRow("separators") << QStringLiteral("a\u2028b\u2029") << QStringLiteral("a\\u{2028}b\\u{2029}");
    }

    void escapeControls()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(SafeText::escapeControls(text), shown);
        const QList<uint> codes = shown.toUcs4();
        for (const uint c : codes)
            QVERIFY2(!SafeText::isControl(c), qPrintable(QString::number(c, 16)));
    }

    void redactCredentials()
    {
        QCOMPARE(SafeText::redactCredentials(QStringLiteral("https://ann:s3cret@example.com/x?a=b@c")),
                 QStringLiteral("https://ann:***@example.com/x?a=b@c"));
        QCOMPARE(SafeText::redactCredentials(QStringLiteral("mail ann@example.com")),
                 QStringLiteral("mail ann@example.com"));
    }
};

QTEST_APPLESS_MAIN(TestSafeText)
#include "tst_safetext.moc"
