#include "process/BinaryDetector.h"
#include "process/OutputLog.h"

#include <QTest>

class TestBinaryDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detects_data();
    void detects();
    void hexDumpLine();
    void hexDumpOffsets();
    void logKeepsRawHeadAndEchoes();
};

void TestBinaryDetector::detects_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("binary");
    QTest::addRow("empty") << QByteArray() << false;
    QTest::addRow("ascii lines") << QByteArray("hello\nworld\n") << false;
    QTest::addRow("utf-8") << QByteArray("gr\xc3\xbc\xc3\x9f dich \xe2\x82\xac\n") << false;
    QTest::addRow("ansi colours") << QByteArray("\x1b[31mred\x1b[0m\r\n\t") << false;
    QTest::addRow("one NUL") << QByteArray("text\0more", 9) << true;
    QTest::addRow("salted header") << QByteArray("Salted__\x01\x02\x03\x04\x05\x06\x07\x08\xff\xfe", 18) << true;
    QByteArray latin1Log("caf\xe9 at the corner, a long line of otherwise plain text\n");
    QTest::addRow("one stray byte in text") << latin1Log << false;
    QByteArray noise;
    for (int i = 0; i < 256; ++i)
        noise += char(0x80 + (i * 37) % 128); // continuation bytes without a lead: not UTF-8
    QTest::addRow("high bytes") << noise << true;
    QByteArray controls(64, '\x01');
    QTest::addRow("control characters") << controls << true;
    // A multi-byte character cut at the end of the sample is not held against it.
    QByteArray cut = QByteArray(4095, 'a') + "\xe2\x82";
    QTest::addRow("character cut at the sample's end") << cut << false;
}

void TestBinaryDetector::detects()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, binary);
    QCOMPARE(BinaryDetector::isBinary(data), binary);
}

void TestBinaryDetector::hexDumpLine()
{
    const QByteArray d("Salted__\x00\x01\x7f\x80\xff", 13);
    QCOMPARE(BinaryDetector::hexDumpLine(d.constData(), d.size(), 0),
             QStringLiteral("00000000  53 61 6c 74 65 64 5f 5f  00 01 7f 80 ff           |Salted__.....|"));
}

void TestBinaryDetector::hexDumpOffsets()
{
    const QByteArray d(40, 'x');
    const QStringList lines = BinaryDetector::hexDump(d, 0x100).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(QLatin1String("00000100 ")));
    QVERIFY(lines.at(1).startsWith(QLatin1String("00000110 ")));
    QVERIFY(lines.at(2).startsWith(QLatin1String("00000120 ")));
    QVERIFY(lines.at(2).endsWith(QLatin1String("|xxxxxxxx|")));
    QCOMPARE(BinaryDetector::toHex(QByteArray("\x00\xab", 2)), QStringLiteral("00ab"));
}

void TestBinaryDetector::logKeepsRawHeadAndEchoes()
{
    OutputLog log;
    const QByteArray bin("\x00\x0a\x01\x0a\xff", 5); // newline bytes inside binary
    log.append(OutputLog::Stdout, bin);
    log.append(OutputLog::Stderr, QByteArray("err\n"));
    QCOMPARE(log.rawStdoutHead(), bin);
    QVERIFY(log.looksBinary());

    OutputLog repl;
    repl.append(OutputLog::Stdout, QByteArray(">>> "));
    repl.appendEcho("1 + 1\n");
    repl.append(OutputLog::Stdout, QByteArray("2\n"));
    QCOMPARE(repl.retainedLines(), 3);
    QCOMPARE(repl.line(0).text, QStringLiteral(">>> "));
    QCOMPARE(repl.line(1).stream, OutputLog::Stdin);
    QCOMPARE(repl.line(1).text, QStringLiteral("1 + 1"));
    QCOMPARE(repl.line(2).text, QStringLiteral("2"));
    QCOMPARE(repl.bytesReceived(OutputLog::Stdin), 6);
    QVERIFY(!repl.looksBinary());
}

QTEST_GUILESS_MAIN(TestBinaryDetector)
#include "tst_binarydetector.moc"
