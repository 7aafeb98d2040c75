#include "process/OutputLog.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

namespace {
QStringList texts(const OutputLog &log)
{
    QStringList out;
    for (const auto &l : log.lines(log.firstLine(), log.retainedLines()))
        out << l.text;
    return out;
}

// Appends `all` in reads cut as round 0-3 asks: one byte at a time, 4 KiB, up to `small`
// bytes, up to 70,000 (a pipe's worth and more).
void appendInPieces(OutputLog &log, const QByteArray &all, int round, QRandomGenerator &rng, int small)
{
    qint64 at = 0;
    while (at < all.size()) {
        const qint64 piece = round == 0 ? 1 : round == 1 ? 4096 : qint64(1 + rng.bounded(round == 2 ? small : 70000));
        const qint64 n = std::min<qint64>(piece, all.size() - at);
        log.append(OutputLog::Stdout, all.constData() + at, n);
        at += n;
    }
}
} // namespace

class TestOutputLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitsLines()
    {
        OutputLog log;
        log.append(OutputLog::Stdout, QByteArray("one\ntwo\nthr"));
        QCOMPARE(texts(log), (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
        QVERIFY(log.hasPartial(OutputLog::Stdout));
        QCOMPARE(log.partial(OutputLog::Stdout).text, QStringLiteral("thr"));
        log.append(OutputLog::Stdout, QByteArray("ee\n"));
        QCOMPARE(log.line(2).text, QStringLiteral("three"));
        QVERIFY(!log.hasPartial(OutputLog::Stdout));
        QCOMPARE(log.bytesReceived(OutputLog::Stdout), qint64(14));
    }

    void anySplitGivesTheSameLines()
    {
        // Lines of every length around the 16-byte steps the newline search takes, and reads
        // cut anywhere (in the middle of a line, right after a newline, one byte at a time).
        QRandomGenerator rng(20261127);
        QByteArray all;
        QStringList expected;
        for (int i = 0; i < 3000; ++i) {
            const int len = i < 80 ? i % 40 : int(rng.bounded(i % 7 == 0 ? 200 : 20));
            QByteArray line(len, 'a');
            for (char &c : line)
                c = char('a' + rng.bounded(26));
            all += line + '\n';
            expected << QString::fromLatin1(line);
        }
        for (int round = 0; round < 4; ++round) {
            OutputLog log;
            appendInPieces(log, all, round, rng, 40);
            QCOMPARE(log.endLine(), qint64(expected.size()));
            QCOMPARE(texts(log), expected);
            QVERIFY(!log.hasPartial(OutputLog::Stdout));
        }
    }

    void carriageReturnsInAnySplit()
    {
        // Lines with CRs anywhere (a progress bar's redraws), around the 16- and 64-byte steps
        // of the search that carries a line on from one read to the next: what shows is the
        // last non-empty text between CRs, however the reads cut it.
        QRandomGenerator rng(20261128);
        QByteArray all;
        QStringList expected;
        for (int i = 0; i < 2000; ++i) {
            const int len = i < 300 ? i : int(rng.bounded(i % 5 == 0 ? 400 : 90));
            QByteArray line(len, 'a');
            for (char &c : line)
                c = rng.bounded(12) == 0 ? '\r' : char('a' + rng.bounded(26));
            all += line + '\n';
            QString shown;
            for (const QByteArray &piece : line.split('\r'))
                if (!piece.isEmpty())
                    shown = QString::fromLatin1(piece);
            expected << shown;
        }
        for (int round = 0; round < 4; ++round) {
            OutputLog log;
            appendInPieces(log, all, round, rng, 100);
            QCOMPARE(log.endLine(), qint64(expected.size()));
            QCOMPARE(texts(log), expected);
        }
    }

    void emptyLinesAndFlush()
    {
        OutputLog log;
        log.append(OutputLog::Stdout, QByteArray("\n\nlast"));
        QCOMPARE(log.endLine(), qint64(2));
        log.flush();
        QCOMPARE(texts(log), (QStringList{QString(), QString(), QStringLiteral("last")}));
    }

    void streamsKeptApart()
    {
        OutputLog log;
        log.append(OutputLog::Stdout, QByteArray("out-"));
        log.append(OutputLog::Stderr, QByteArray("err\n"));
        log.append(OutputLog::Stdout, QByteArray("line\n"));
        QCOMPARE(log.line(0).text, QStringLiteral("err"));
        QCOMPARE(log.line(0).stream, OutputLog::Stderr);
        QCOMPARE(log.line(1).text, QStringLiteral("out-line"));
        QCOMPARE(log.line(1).stream, OutputLog::Stdout);
        QCOMPARE(log.bytesReceived(OutputLog::Stderr), qint64(4));
    }

    void carriageReturns_data()
    {
        QTest::addColumn<QList<QByteArray>>("chunks");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("CRLF") << QList<QByteArray>{"a\r\nb\r\n"} << QStringList{"a", "b"};
        QTest::addRow("CRLF split") << QList<QByteArray>{"a\r", "\nb\r\n"} << QStringList{"a", "b"};
        QTest::addRow("progress") << QList<QByteArray>{"10%\r20%\r30%\n"} << QStringList{"30%"};
        QTest::addRow("progress split") << QList<QByteArray>{"10%\r", "20%\r", "100%\n", "done\n"}
                                        << QStringList{"100%", "done"};
        QTest::addRow("trailing CR then LF") << QList<QByteArray>{"50%\r", "\n"} << QStringList{"50%"};
        QTest::addRow("only CRs") << QList<QByteArray>{"\r\r\n"} << QStringList{""};
        QTest::addRow("CR then text in one chunk") << QList<QByteArray>{"abc\r\rxy\n"} << QStringList{"xy"};
        QTest::addRow("text after several CRs") << QList<QByteArray>{"a\rb\r\r", "c\n"} << QStringList{"c"};
    }

    void carriageReturns()
    {
        QFETCH(QList<QByteArray>, chunks);
        QFETCH(QStringList, expected);
        OutputLog log;
        for (const QByteArray &c : chunks)
            log.append(OutputLog::Stdout, c);
        QCOMPARE(texts(log), expected);
    }

    void progressVisibleAsPartial()
    {
        OutputLog log;
        log.append(OutputLog::Stdout, QByteArray("10%\r"));
        QCOMPARE(log.partial(OutputLog::Stdout).text, QStringLiteral("10%"));
        log.append(OutputLog::Stdout, QByteArray("20%"));
        QCOMPARE(log.partial(OutputLog::Stdout).text, QStringLiteral("20%"));
    }

    void utf8SplitAcrossReads()
    {
        OutputLog log;
        const QByteArray euro = QStringLiteral("\u20ac").toUtf8(); // 3 bytes
        const QByteArray emoji = QString::fromUcs4(U"\U0001F600").toUtf8(); // 4 bytes
        const QByteArray all = "a" + euro + "b" + emoji + "c\n";
        for (qsizetype i = 0; i < all.size(); ++i)
            log.append(OutputLog::Stdout, all.mid(i, 1));
        QCOMPARE(log.line(0).text, QString::fromUtf8(all.chopped(1)));
    }

    void invalidUtf8BecomesReplacement()
    {
        OutputLog log;
        log.append(OutputLog::Stdout, QByteArray("a\xff\xfe" "b\n"));
        const QString t = log.line(0).text;
        QVERIFY(t.startsWith(QLatin1Char('a')));
        QVERIFY(t.endsWith(QLatin1Char('b')));
        QVERIFY(t.contains(QChar(0xFFFD)));
    }

    void binaryNeverCrashes()
    {
        OutputLog log;
        QByteArray junk(1 << 20, Qt::Uninitialized);
        quint32 x = 12345;
        for (char &c : junk) {
            x = x * 1103515245u + 12345u;
            c = char(x >> 24);
        }
        log.append(OutputLog::Stdout, junk);
        log.flush();
        QCOMPARE(log.bytesReceived(OutputLog::Stdout), qint64(junk.size()));
        for (qint64 n = log.firstLine(); n < log.endLine(); ++n)
            (void)log.line(n).text.size();
        QVERIFY(log.endLine() > 0);
    }

    void longLineCapped()
    {
        OutputLog::Limits limits;
        limits.maxLineBytes = 100;
        OutputLog log(limits);
        log.append(OutputLog::Stdout, QByteArray(250, 'x'));
        log.append(OutputLog::Stdout, QByteArray(50, 'y') + "\nshort\n");
        const OutputLog::Line l = log.line(0);
        QCOMPARE(l.cutBytes, qint64(200));
        QVERIFY(l.text.startsWith(QString(100, QLatin1Char('x'))));
        QVERIFY2(l.text.contains(QLatin1String("200 bytes cut")), qPrintable(l.text));
        QCOMPARE(log.line(1).text, QStringLiteral("short"));
        QCOMPARE(log.bytesReceived(OutputLog::Stdout), qint64(250 + 50 + 7));
        QCOMPARE(log.cutBytes(), qint64(200));
    }

    void capNeverSplitsCharacter()
    {
        OutputLog::Limits limits;
        limits.maxLineBytes = 16;
        OutputLog log(limits);
        const QByteArray euro = QStringLiteral("\u20ac").toUtf8();
        QByteArray line = QByteArray(15, 'a') + euro + euro + "\n"; // cap falls inside a euro
        log.append(OutputLog::Stdout, line);
        const OutputLog::Line l = log.line(0);
        QVERIFY(!l.text.contains(QChar(0xFFFD)));
        QCOMPARE(l.cutBytes, qint64(6));
    }

    void hundredMegabyteLineWithoutNewline()
    {
        OutputLog log;
        const QByteArray chunk(1 << 20, 'z');
        for (int i = 0; i < 100; ++i)
            log.append(OutputLog::Stdout, chunk);
        QCOMPARE(log.bytesReceived(OutputLog::Stdout), qint64(100) << 20);
        QVERIFY(log.hasPartial(OutputLog::Stdout));
        QCOMPARE(log.partial(OutputLog::Stdout).cutBytes,
                 (qint64(100) << 20) - log.limits().maxLineBytes);
        QVERIFY(log.retainedBytes() < 1024 * 1024);
        log.flush();
        QCOMPARE(log.endLine(), qint64(1));
    }

    void retainedLinesBounded()
    {
        OutputLog::Limits limits;
        limits.maxRetainedLines = 1000;
        OutputLog log(limits);
        QByteArray text;
        for (int i = 0; i < 5000; ++i)
            text += QByteArray::number(i) + '\n';
        log.append(OutputLog::Stdout, text);
        QCOMPARE(log.endLine(), qint64(5000));
        QCOMPARE(log.retainedLines(), qint64(1000));
        QCOMPARE(log.firstLine(), qint64(4000));
        QCOMPARE(log.line(4000).text, QStringLiteral("4000"));
        QCOMPARE(log.line(4999).text, QStringLiteral("4999"));
        QCOMPARE(log.line(3999).text, QString()); // dropped
        QCOMPARE(log.bytesReceived(OutputLog::Stdout), qint64(text.size()));
        // Full, a line at a time: each one drops exactly the oldest, across block boundaries.
        for (int i = 5000; i < 14000; ++i) {
            log.append(OutputLog::Stdout, QByteArray::number(i) + '\n');
            if (log.retainedLines() != 1000)
                QFAIL(qPrintable(QStringLiteral("%1 lines kept after line %2").arg(log.retainedLines()).arg(i)));
        }
        QCOMPARE(log.firstLine(), qint64(13000));
        QCOMPARE(log.line(13000).text, QStringLiteral("13000"));
        QCOMPARE(log.line(13999).text, QStringLiteral("13999"));
    }

    void retainedBytesBounded()
    {
        OutputLog::Limits limits;
        limits.maxRetainedBytes = 1024 * 1024;
        limits.maxRetainedLines = 100000000;
        OutputLog log(limits);
        const QByteArray line = QByteArray(999, 'q') + '\n';
        qint64 total = 0;
        for (int i = 0; i < 20000; ++i) { // ~20 MB in
            log.append(OutputLog::Stdout, line);
            total += line.size();
        }
        QVERIFY2(log.retainedBytes() <= 1024 * 1024 + 256 * 1024, qPrintable(QString::number(log.retainedBytes())));
        QCOMPARE(log.bytesReceived(OutputLog::Stdout), total);
        QCOMPARE(log.endLine(), qint64(20000));
        QCOMPARE(log.line(log.endLine() - 1).text.size(), 999);
        QCOMPARE(log.line(log.firstLine()).text.size(), 999);
    }

    void systemLinesAndClear()
    {
        OutputLog log;
        log.append(OutputLog::Stdout, QByteArray("partial"));
        log.appendSystem(QStringLiteral("Exited"));
        QCOMPARE(log.line(0).text, QStringLiteral("partial"));
        QCOMPARE(log.line(1).stream, OutputLog::System);
        const quint64 rev = log.revision();
        log.clear();
        QVERIFY(log.revision() > rev);
        QCOMPARE(log.retainedLines(), qint64(0));
        QCOMPARE(log.bytesReceived(OutputLog::Stdout), qint64(7));
        log.append(OutputLog::Stdout, QByteArray("again\n"));
        QCOMPARE(log.line(log.firstLine()).text, QStringLiteral("again"));
    }

    void rangeQueriesClamp()
    {
        OutputLog log;
        log.append(OutputLog::Stdout, QByteArray("a\nb\nc\n"));
        QCOMPARE(log.lines(-5, 100).size(), 3);
        QCOMPARE(log.lines(1, 1).first().text, QStringLiteral("b"));
        QCOMPARE(log.lines(3, 10).size(), 0);
        QVERIFY(log.line(99).text.isEmpty());
    }

    void timestampsSet()
    {
        OutputLog log;
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        log.append(OutputLog::Stdout, QByteArray("x\n"));
        QVERIFY(log.line(0).timestampMs >= before);
    }
};

QTEST_GUILESS_MAIN(TestOutputLog)
#include "tst_outputlog.moc"
