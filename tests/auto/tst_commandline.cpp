#include "process/CommandLine.h"

#include <QTest>

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void split_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("words");
        QTest::addRow("plain") << "-l -a /tmp" << QStringList{"-l", "-a", "/tmp"};
        QTest::addRow("spaces") << "  a   b  " << QStringList{"a", "b"};
        QTest::addRow("single quotes") << "'my file' x" << QStringList{"my file", "x"};
        QTest::addRow("double quotes") << "\"say \\\"hi\\\"\"" << QStringList{"say \"hi\""};
        QTest::addRow("backslash space") << "a\\ b" << QStringList{"a b"};
        QTest::addRow("empty quoted") << "'' x" << QStringList{"", "x"};
        QTest::addRow("joined quotes") << "a'b c'd" << QStringList{"ab cd"};
        QTest::addRow("no expansion") << "$HOME *.txt ~" << QStringList{"$HOME", "*.txt", "~"};
        QTest::addRow("quoted pipe") << "'|' \"|\"" << QStringList{"|", "|"};
        // Found by fuzz_commandline: a private-use character once stood for an unquoted '|'.
        QTest::addRow("private use") << QString(QChar(0xE000)) + " '" + QChar(0xE000) + "'"
                                     << QStringList{QString(QChar(0xE000)), QString(QChar(0xE000))};
    }
    void split()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, words);
        QString error;
        QCOMPARE(CommandLine::split(line, &error), words);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(CommandLine::split(CommandLine::join(words), &error), words);
    }

    void pipeline()
    {
        QString error;
        const auto stages = CommandLine::splitPipeline(QStringLiteral("seq 1 10|grep 1 | wc -l"), &error);
        QCOMPARE(stages.size(), 3);
        QCOMPARE(stages.at(0), (QStringList{"seq", "1", "10"}));
        QCOMPARE(stages.at(1), (QStringList{"grep", "1"}));
        QCOMPARE(stages.at(2), (QStringList{"wc", "-l"}));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");
        QTest::addRow("single") << "echo 'abc" << "unbalanced single quote (opened at column 6)";
        QTest::addRow("double") << "\"abc" << "unbalanced double quote (opened at column 1)";
        QTest::addRow("trailing backslash") << "abc\\" << "a backslash at the end of the line escapes nothing";
        QTest::addRow("pipe at start") << "| wc" << "empty pipeline stage (a '|' at the start or two in a row)";
        QTest::addRow("pipe at end") << "ls |" << "empty pipeline stage (a '|' at the end)";
        QTest::addRow("double pipe") << "ls | | wc" << "empty pipeline stage (a '|' at the start or two in a row)";
    }
    void errors()
    {
        QFETCH(QString, line);
        QFETCH(QString, message);
        QString error;
        const auto stages = CommandLine::splitPipeline(line, &error);
        QCOMPARE(error, message);
        QVERIFY(stages.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
