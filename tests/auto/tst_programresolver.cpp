#include "process/ProgramResolver.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestProgramResolver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsInPath()
    {
        const ResolvedProgram r = ProgramResolver::resolve(QStringLiteral("sh"), {},
                                                           QProcessEnvironment::systemEnvironment());
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.path.endsWith(QLatin1String("/sh")));
    }

    void failures()
    {
        QTemporaryDir dir;
        QFile plain(dir.filePath(QStringLiteral("plain.txt")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write("not a program\n");
        plain.close();
        const auto env = QProcessEnvironment::systemEnvironment();

        ResolvedProgram r = ProgramResolver::resolve(QStringLiteral("no-such-program-xyz"), {}, env);
        QCOMPARE(r.error, QStringLiteral("program \"no-such-program-xyz\" not found in PATH"));
        QCOMPARE(r.exitStatus, 127);

        r = ProgramResolver::resolve(dir.filePath(QStringLiteral("missing")), {}, env);
        QVERIFY(r.error.endsWith(QLatin1String("missing\" not found")));
        QCOMPARE(r.exitStatus, 127);

        r = ProgramResolver::resolve(dir.path(), {}, env);
        QVERIFY(r.error.endsWith(QLatin1String("\" is a directory")));
        QCOMPARE(r.exitStatus, 126);

        r = ProgramResolver::resolve(plain.fileName(), {}, env);
        QVERIFY(r.error.endsWith(QLatin1String("is not executable (permission denied)")));
        QCOMPARE(r.exitStatus, 126);

        r = ProgramResolver::resolve(QString(), {}, env);
        QCOMPARE(r.error, QStringLiteral("program name is empty"));

        r = ProgramResolver::resolve(QStringLiteral("sh"), dir.filePath(QStringLiteral("nope")), env);
        QCOMPARE(r.error, QStringLiteral("working directory \"%1\" does not exist")
                              .arg(dir.filePath(QStringLiteral("nope"))));
        r = ProgramResolver::resolve(QStringLiteral("sh"), plain.fileName(), env);
        QVERIFY(r.error.endsWith(QLatin1String("is not a directory")));
    }

    void relativeToWorkingDirectory()
    {
        QTemporaryDir dir;
        QFile script(dir.filePath(QStringLiteral("run.sh")));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\necho ok\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const ResolvedProgram r = ProgramResolver::resolve(
            QStringLiteral("./run.sh"), dir.path(), QProcessEnvironment::systemEnvironment());
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.path, script.fileName());
    }

    void pathSearchPassesOverWhatCannotRun()
    {
        // PATH a:b/:c:d — a holds a dangling link, b a directory, c a plain file of that name,
        // d the program: d's is found; without d, c's reason is given (the first unusable one).
        QTemporaryDir root;
        for (const char *d : {"a", "b", "c", "d"})
            QVERIFY(QDir(root.path()).mkdir(QLatin1String(d)));
        const QString name = QStringLiteral("rb-prog");
        QVERIFY(QFile::link(root.filePath(QStringLiteral("nowhere")), root.filePath(QStringLiteral("a/")) + name));
        QVERIFY(QDir(root.filePath(QStringLiteral("b"))).mkdir(name));
        QFile plain(root.filePath(QStringLiteral("c/")) + name);
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        QFile program(root.filePath(QStringLiteral("d/")) + name);
        QVERIFY(program.open(QIODevice::WriteOnly));
        program.write("#!/bin/sh\n");
        program.close();
        program.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QProcessEnvironment env;
        const QString dirs = root.filePath(QStringLiteral("a")) + QLatin1Char(':') + root.filePath(QStringLiteral("b/"))
                             + QLatin1Char(':') + root.filePath(QStringLiteral("c"));
        env.insert(QStringLiteral("PATH"), dirs + QLatin1Char(':') + root.filePath(QStringLiteral("d")));
        ResolvedProgram r = ProgramResolver::resolve(name, {}, env);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.path, program.fileName());
        env.insert(QStringLiteral("PATH"), dirs);
        r = ProgramResolver::resolve(name, {}, env);
        QCOMPARE(r.error, QStringLiteral("program \"rb-prog\" is a directory"));
        QCOMPARE(r.exitStatus, 126);
    }

    void searchSeesEveryChange()
    {
        // The directories of a PATH are kept from one launch to the next: a program that
        // appears in an earlier directory, another PATH and a relative entry are all seen.
        QTemporaryDir root;
        for (const char *d : {"a", "b"})
            QVERIFY(QDir(root.path()).mkdir(QLatin1String(d)));
        const QString name = QStringLiteral("rb-prog2");
        const auto makeProgram = [&](const char *dir) {
            QFile f(root.filePath(QLatin1String(dir)) + QLatin1Char('/') + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#!/bin/sh\n");
            f.close();
            QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        };
        makeProgram("b");
        const QString a = root.filePath(QStringLiteral("a")), b = root.filePath(QStringLiteral("b"));
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), a + QLatin1Char(':') + b);
        QCOMPARE(ProgramResolver::resolve(name, {}, env).path, b + QLatin1Char('/') + name);
        makeProgram("a");
        QCOMPARE(ProgramResolver::resolve(name, {}, env).path, a + QLatin1Char('/') + name);
        env.insert(QStringLiteral("PATH"), b + QLatin1Char(':') + a);
        QCOMPARE(ProgramResolver::resolve(name, {}, env).path, b + QLatin1Char('/') + name);
        QVERIFY(QFile::remove(b + QLatin1Char('/') + name));
        QCOMPARE(ProgramResolver::resolve(name, {}, env).path, a + QLatin1Char('/') + name);
        // A relative entry keeps its place, and is taken from Runboard's own directory.
        const QString here = QDir::currentPath();
        QVERIFY(QDir::setCurrent(root.path()));
        makeProgram("b");
        env.insert(QStringLiteral("PATH"), QStringLiteral("b:") + a);
        const ResolvedProgram r = ProgramResolver::resolve(name, {}, env);
        QVERIFY(QDir::setCurrent(here));
        QCOMPARE(r.path, b + QLatin1Char('/') + name);
    }

    void usesChildPath()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), QStringLiteral("/nonexistent-dir"));
        const ResolvedProgram r = ProgramResolver::resolve(QStringLiteral("sh"), {}, env);
        QCOMPARE(r.exitStatus, 127);
    }
};

QTEST_GUILESS_MAIN(TestProgramResolver)
#include "tst_programresolver.moc"
