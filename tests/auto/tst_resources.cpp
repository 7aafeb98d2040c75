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
