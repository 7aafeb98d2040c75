// The resources the window and the packages carry (issue 9): the application and action icons
// (embedded SVGs, the theme first and ours as the fallback), the PNG sizes drawn at build time,
// and the session MIME type as the desktop's MIME database sees it.
#include "Icons.h"
#include "MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QMimeDatabase>
#include <QPainter>
#include <QProcess>
#include <QtEndian>
#include <QTemporaryDir>
#include <QTest>

namespace {
const Icons::Action kActions[] = {Icons::Action::New, Icons::Action::Start, Icons::Action::Stop,
                                  Icons::Action::Kill, Icons::Action::Pause, Icons::Action::Restart};

// A directory of XDG data with our MIME package in it, set up before the application (and its
// MIME database) exists; see main() below.
QTemporaryDir *mimeDataDir()
{
    static QTemporaryDir dir;
    return &dir;
}

bool opaqueAt(const QImage &image, int x, int y) { return qAlpha(image.pixel(x, y)) == 255; }

// The share of the image's pixels that are fully opaque.
double opaqueShare(const QImage &image)
{
    int opaque = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            opaque += opaqueAt(image, x, y) ? 1 : 0;
    return double(opaque) / (image.width() * image.height());
}
} // namespace

class TestResources : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void applicationIconRendersAtEverySize()
    {
        const QIcon icon = Icons::application();
        QVERIFY(!icon.isNull());
        for (int size : {16, 32, 48, 64, 128, 256}) {
            const QImage image = icon.pixmap(size, size).toImage();
            QCOMPARE(image.size(), QSize(size, size));
            // The board's rounded corner is transparent, its middle is not.
            QVERIFY2(!opaqueAt(image, 0, 0), qPrintable(QString::number(size)));
            QVERIFY2(opaqueAt(image, size / 2, size / 2), qPrintable(QString::number(size)));
        }
    }

    void missingOrBrokenSvgGivesNullIcon()
    {
        QVERIFY(Icons::fromSvg(QStringLiteral(":/icons/no-such-icon.svg")).isNull());
        QTemporaryDir dir;
        QFile broken(dir.filePath(QStringLiteral("broken.svg")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect");
        broken.close();
        QVERIFY(Icons::fromSvg(broken.fileName()).isNull());
    }

    void ownActionIconsWhenTheThemeHasNone()
    {
        QTemporaryDir empty;
        QIcon::setThemeSearchPaths({empty.path()});
        QIcon::setThemeName(QStringLiteral("none"));
        for (Icons::Action a : kActions) {
            const QString path = Icons::resourcePath(a);
            QVERIFY2(QFile::exists(path), qPrintable(path));
            const QIcon own = Icons::fromSvg(path);
            QVERIFY2(!own.isNull(), qPrintable(path));
            const QImage image = Icons::action(a).pixmap(32, 32).toImage();
            QCOMPARE(image, own.pixmap(32, 32).toImage());
            QVERIFY2(opaqueShare(image) > 0.05, qPrintable(path)); // something is drawn
        }
    }

    void themeIconWinsWhenTheThemeHasOne()
    {
        // A minimal icon theme with one icon, a blue square, for media-playback-start.
        QTemporaryDir themes;
        QDir(themes.path()).mkpath(QStringLiteral("rbtest/32x32/actions"));
        QFile index(themes.filePath(QStringLiteral("rbtest/index.theme")));
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write("[Icon Theme]\nName=rbtest\nDirectories=32x32/actions\n\n"
                    "[32x32/actions]\nSize=32\nType=Fixed\n");
        index.close();
        QImage blue(32, 32, QImage::Format_ARGB32);
        blue.fill(Qt::blue);
        QVERIFY(blue.save(themes.filePath(QStringLiteral("rbtest/32x32/actions/media-playback-start.png"))));
        QIcon::setThemeSearchPaths({themes.path()});
        QIcon::setThemeName(QStringLiteral("rbtest"));

        QCOMPARE(Icons::themeName(Icons::Action::Start), QStringLiteral("media-playback-start"));
        const QImage start = Icons::action(Icons::Action::Start).pixmap(32, 32).toImage();
        QCOMPARE(start.pixelColor(16, 16), QColor(Qt::blue));
        // An action the theme lacks still gets ours.
        const QImage stop = Icons::action(Icons::Action::Stop).pixmap(32, 32).toImage();
        QCOMPARE(stop, Icons::fromSvg(Icons::resourcePath(Icons::Action::Stop)).pixmap(32, 32).toImage());
        QIcon::setThemeName(QStringLiteral("none"));
    }

    void windowAndToolbarShowTheIcons()
    {
        QTemporaryDir empty;
        QIcon::setThemeSearchPaths({empty.path()});
        QIcon::setThemeName(QStringLiteral("none"));
        MainWindow w;
        QCOMPARE(w.windowIcon().pixmap(48, 48).toImage(), Icons::application().pixmap(48, 48).toImage());
        const struct {
            const char *name;
            Icons::Action action;
        } expected[] = {{"actionNewProcess", Icons::Action::New}, {"actionStart", Icons::Action::Start},
                        {"actionStop", Icons::Action::Stop},     {"actionKill", Icons::Action::Kill},
                        {"actionPause", Icons::Action::Pause},   {"actionRestart", Icons::Action::Restart}};
        for (const auto &e : expected) {
            auto *action = w.findChild<QAction *>(QLatin1String(e.name));
            QVERIFY2(action, e.name);
            QCOMPARE(action->icon().pixmap(24, 24).toImage(),
                     Icons::fromSvg(Icons::resourcePath(e.action)).pixmap(24, 24).toImage());
        }
    }

    void pngSizesDrawnAtBuildTime()
    {
        for (int size : {16, 32, 48, 64, 128, 256}) {
            const QString path = QStringLiteral(RB_ICON_PNG_ROOT "/%1x%1/apps/io.github.runboard.Runboard.png").arg(size);
            const QImage image(path);
            QVERIFY2(!image.isNull(), qPrintable(path));
            QCOMPARE(image.size(), QSize(size, size));
            QVERIFY2(image.hasAlphaChannel(), qPrintable(path));
            QVERIFY2(!opaqueAt(image, 0, 0) && opaqueAt(image, size / 2, size / 2), qPrintable(path));
        }
    }

    // runboard-iconrender draws the Windows .ico and the macOS .icns (built there, tested here).
    void iconContainersForWindowsAndMacOS()
    {
        QTemporaryDir dir;
        const QString ico = dir.filePath(QStringLiteral("runboard.ico"));
        const QString icns = dir.filePath(QStringLiteral("runboard.icns"));
        const QString png = dir.filePath(QStringLiteral("20.png"));
        QProcess tool;
        tool.start(QStringLiteral(RB_ICONRENDER),
                   {QStringLiteral(RB_ICON_SVG), QStringLiteral("--ico"), ico, QStringLiteral("--icns"), icns,
                    QStringLiteral("--png"), QStringLiteral("20"), png});
        QVERIFY(tool.waitForFinished(60000));
        QCOMPARE(tool.exitCode(), 0);
        QCOMPARE(QImage(png).size(), QSize(20, 20));

        // ICO: reserved 0, type 1, count; 16-byte entries (width, height: 0 means 256; size and
        // offset of the image data), each a PNG of that size.
        QFile icoFile(ico);
        QVERIFY(icoFile.open(QIODevice::ReadOnly));
        const QByteArray i = icoFile.readAll();
        QCOMPARE(qFromLittleEndian<quint16>(i.constData()), quint16(0));
        QCOMPARE(qFromLittleEndian<quint16>(i.constData() + 2), quint16(1));
        const int count = qFromLittleEndian<quint16>(i.constData() + 4);
        QList<int> icoSizes;
        for (int n = 0; n < count; ++n) {
            const char *e = i.constData() + 6 + 16 * n;
            const int width = quint8(e[0]) == 0 ? 256 : quint8(e[0]);
            const quint32 bytes = qFromLittleEndian<quint32>(e + 8);
            const quint32 offset = qFromLittleEndian<quint32>(e + 12);
            QVERIFY(offset + bytes <= quint32(i.size()));
            const QImage image = QImage::fromData(i.mid(offset, bytes), "PNG");
            QCOMPARE(image.size(), QSize(width, width));
            icoSizes << width;
        }
        QCOMPARE(icoSizes, (QList<int>{16, 24, 32, 48, 64, 128, 256}));

        // ICNS: "icns", the file's length (big-endian), then (type, length, PNG) entries.
        QFile icnsFile(icns);
        QVERIFY(icnsFile.open(QIODevice::ReadOnly));
        const QByteArray m = icnsFile.readAll();
        QCOMPARE(m.left(4), QByteArray("icns"));
        QCOMPARE(qFromBigEndian<quint32>(m.constData() + 4), quint32(m.size()));
        QStringList entries;
        for (qsizetype at = 8; at < m.size();) {
            const QByteArray type = m.mid(at, 4);
            const quint32 length = qFromBigEndian<quint32>(m.constData() + at + 4);
            QVERIFY(length > 8 && at + qsizetype(length) <= m.size());
            const QImage image = QImage::fromData(m.mid(at + 8, length - 8), "PNG");
            entries << QStringLiteral("%1:%2").arg(QString::fromLatin1(type)).arg(image.width());
            at += length;
        }
        QCOMPARE(entries, (QStringList{QStringLiteral("icp4:16"), QStringLiteral("icp5:32"),
                                       QStringLiteral("icp6:64"), QStringLiteral("ic07:128"),
                                       QStringLiteral("ic08:256"), QStringLiteral("ic09:512"),
                                       QStringLiteral("ic10:1024")}));
    }

    void iconRenderNamesBadInput()
    {
        QTemporaryDir dir;
        QProcess tool;
        tool.start(QStringLiteral(RB_ICONRENDER), {dir.filePath(QStringLiteral("missing.svg")),
                                                  QStringLiteral("--ico"), dir.filePath(QStringLiteral("x.ico"))});
        QVERIFY(tool.waitForFinished(60000));
        QCOMPARE(tool.exitCode(), 1);
        QVERIFY(tool.readAllStandardError().contains("missing.svg does not exist"));
        tool.start(QStringLiteral(RB_ICONRENDER), {QStringLiteral(RB_ICON_SVG), QStringLiteral("--ico"),
                                                  dir.filePath(QStringLiteral("no/such/dir/x.ico"))});
        QVERIFY(tool.waitForFinished(60000));
        QCOMPARE(tool.exitCode(), 1);
        QVERIFY(tool.readAllStandardError().contains("cannot write"));
        tool.start(QStringLiteral(RB_ICONRENDER), {QStringLiteral(RB_ICON_SVG), QStringLiteral("--png"),
                                                  QStringLiteral("0"), dir.filePath(QStringLiteral("x.png"))});
        QVERIFY(tool.waitForFinished(60000));
        QCOMPARE(tool.exitCode(), 2);
    }

    void sessionFilesHaveTheirOwnMimeType()
    {
        QMimeDatabase db;
        const QMimeType session = db.mimeTypeForFile(QStringLiteral("demo.runboard.json"),
                                                     QMimeDatabase::MatchExtension);
        QCOMPARE(session.name(), QStringLiteral("application/x-runboard-session"));
        QVERIFY(session.inherits(QStringLiteral("application/json")));
        QCOMPARE(session.comment(), QStringLiteral("Runboard session"));
        // Other JSON files stay JSON: Runboard is not offered for them.
        QCOMPARE(db.mimeTypeForFile(QStringLiteral("package.json"), QMimeDatabase::MatchExtension).name(),
                 QStringLiteral("application/json"));
    }
};

int main(int argc, char *argv[])
{
    // The MIME database reads XDG_DATA_DIRS once, on first use: our package goes in first.
    QTemporaryDir *data = mimeDataDir();
    if (!data->isValid() || !QDir(data->path()).mkpath(QStringLiteral("mime/packages"))
        || !QFile::copy(QStringLiteral(RB_MIME_XML),
                        data->filePath(QStringLiteral("mime/packages/io.github.runboard.Runboard.xml"))))
        qFatal("cannot set up the MIME data directory");
    const QByteArray system = qgetenv("XDG_DATA_DIRS");
    qputenv("XDG_DATA_DIRS", QFile::encodeName(data->path()) + ':'
                                 + (system.isEmpty() ? QByteArray("/usr/local/share:/usr/share") : system));
    QApplication app(argc, argv);
    TestResources test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_resources.moc"
