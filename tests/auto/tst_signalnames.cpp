#include "process/SignalNames.h"

#include <QTest>

#include <csignal>

class TestSignalNames : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names()
    {
        QCOMPARE(SignalNames::name(SIGTERM), QStringLiteral("SIGTERM"));
        QCOMPARE(SignalNames::name(SIGKILL), QStringLiteral("SIGKILL"));
        QCOMPARE(SignalNames::name(SIGSEGV), QStringLiteral("SIGSEGV"));
        QCOMPARE(SignalNames::name(63), QStringLiteral("signal 63"));
    }
    void numbers()
    {
        QCOMPARE(SignalNames::number(QStringLiteral("TERM")), SIGTERM);
        QCOMPARE(SignalNames::number(QStringLiteral("sigint")), SIGINT);
        QCOMPARE(SignalNames::number(QStringLiteral("9")), 9);
        QCOMPARE(SignalNames::number(QStringLiteral("NOPE")), -1);
        QCOMPARE(SignalNames::number(QStringLiteral("0")), -1);
        QVERIFY(SignalNames::userSignals().contains(SIGTERM));
    }
};

QTEST_GUILESS_MAIN(TestSignalNames)
#include "tst_signalnames.moc"
