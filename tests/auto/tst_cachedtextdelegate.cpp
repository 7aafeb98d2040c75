// CachedTextDelegate must draw exactly what QStyledItemDelegate draws: the same table is
// grabbed with each and the pixels compared, for plain, selected, focused, disabled, elided,
// icon and multi-line cells.
#include "CachedTextDelegate.h"

#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace {
QStandardItemModel *makeModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, 4, parent);
    const QStringList rows[] = {
        {QStringLiteral("sleeper #1"), QStringLiteral("12345"), QStringLiteral("\u25b6 running"), QStringLiteral("0:00:05")},
        {QStringLiteral("writer #17"), QStringLiteral("4.2 MB"), QStringLiteral("\u2714 exited 0"), QStringLiteral("12.5 %")},
        {QStringLiteral("a name much too long for its column, so that it must be elided"), QString(),
         QStringLiteral("\u26a0 failed"), QStringLiteral("1:02:03")},
        {QStringLiteral("two\nlines"), QStringLiteral("ünïcødé ✓"), QStringLiteral("\u2016 paused"), QStringLiteral("0 B")},
    };
    for (const QStringList &r : rows) {
        QList<QStandardItem *> items;
        for (const QString &t : r)
            items << new QStandardItem(t);
        model->appendRow(items);
    }
    model->item(1, 3)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    model->item(3, 1)->setIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning));
    model->item(0, 1)->setEnabled(false);
    return model;
}

QImage grabWith(QAbstractItemDelegate *delegate, bool select, Qt::TextElideMode elide, qreal ratio)
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion"))); // not the view's
    QTreeView view;
    view.setStyle(fusion.get());
    view.setModel(makeModel(&view));
    view.setItemDelegate(delegate); // the caller's, looked at after the grab
    view.setUniformRowHeights(true);
    view.setTextElideMode(elide);
    view.setRootIsDecorated(false);
    view.header()->resizeSection(0, 120);
    view.header()->resizeSection(1, 90);
    view.header()->resizeSection(2, 110);
    view.resize(480, 160);
    if (select) {
        view.setSelectionBehavior(QAbstractItemView::SelectRows);
        view.setCurrentIndex(view.model()->index(1, 0));
        view.selectionModel()->select(view.model()->index(2, 0),
                                      QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        return {};
    if (ratio == 1)
        return view.viewport()->grab().toImage().convertToFormat(QImage::Format_ARGB32);
    // A high-DPI screen: the same view painted into an image of twice the pixels.
    QImage image(view.viewport()->size() * ratio, QImage::Format_ARGB32);
    image.setDevicePixelRatio(ratio);
    image.fill(Qt::transparent);
    view.viewport()->render(&image);
    return image;
}
} // namespace

class TestCachedTextDelegate : public QObject
{
    Q_OBJECT
private slots:
    void drawsWhatTheStyleDraws_data()
    {
        QTest::addColumn<bool>("select");
        QTest::addColumn<Qt::TextElideMode>("elide");
        QTest::addColumn<qreal>("ratio");
        QTest::newRow("plain") << false << Qt::ElideRight << 1.0;
        QTest::newRow("selected and focused") << true << Qt::ElideRight << 1.0;
        QTest::newRow("elided in the middle") << false << Qt::ElideMiddle << 1.0;
        QTest::newRow("elided on the left") << true << Qt::ElideLeft << 1.0;
        QTest::newRow("not elided") << false << Qt::ElideNone << 1.0;
        QTest::newRow("device pixel ratio 2") << true << Qt::ElideRight << 2.0;
    }

    void drawsWhatTheStyleDraws()
    {
        QFETCH(bool, select);
        QFETCH(Qt::TextElideMode, elide);
        QFETCH(qreal, ratio);
        QStyledItemDelegate styledDelegate;
        const QImage styled = grabWith(&styledDelegate, select, elide, ratio);
        CachedTextDelegate cachedDelegate;
        const QImage fast = grabWith(&cachedDelegate, select, elide, ratio);
        QVERIFY(!styled.isNull());
        QVERIFY(cachedDelegate.cachedTexts() > 0); // the cached path drew, not only the fallback
        QCOMPARE(fast.size(), styled.size());
        int differing = 0, drawn = 0;
        for (int y = 0; y < styled.height(); ++y)
            for (int x = 0; x < styled.width(); ++x) {
                differing += styled.pixel(x, y) != fast.pixel(x, y);
                drawn += styled.pixel(x, y) != styled.pixel(0, 0);
            }
        QVERIFY2(drawn > 1000, qPrintable(QString::number(drawn))); // text was painted at all
        if (differing) {
            styled.save(QStringLiteral("cachedtextdelegate-styled.png"));
            fast.save(QStringLiteral("cachedtextdelegate-cached.png"));
        }
        QCOMPARE(differing, 0);
    }

    void keepsTextsAndBoundsTheCache()
    {
        QTreeView view;
        auto *model = new QStandardItemModel(1, 1, &view);
        view.setModel(model);
        auto *delegate = new CachedTextDelegate(&view);
        view.setItemDelegate(delegate);
        QImage image(200, 40, QImage::Format_ARGB32);
        QPainter painter(&image);
        QStyleOptionViewItem option;
        option.initFrom(&view);
        option.rect = QRect(0, 0, 200, 20);
        option.widget = &view;
        for (int i = 0; i < CachedTextDelegate::MaxCachedTexts + 10; ++i) {
            model->setData(model->index(0, 0), QString::number(i));
            delegate->paint(&painter, option, model->index(0, 0));
            QVERIFY(delegate->cachedTexts() <= CachedTextDelegate::MaxCachedTexts);
        }
        QVERIFY(delegate->cachedTexts() > 0);
        const qsizetype before = delegate->cachedTexts();
        delegate->paint(&painter, option, model->index(0, 0)); // the same text again
        QCOMPARE(delegate->cachedTexts(), before);
        // Text that needs eliding is kept whole (to know its width) and elided for this width.
        model->setData(model->index(0, 0), QString(200, QLatin1Char('x')));
        delegate->paint(&painter, option, model->index(0, 0));
        QCOMPARE(delegate->cachedTexts(), before + 2);
        delegate->paint(&painter, option, model->index(0, 0));
        QCOMPARE(delegate->cachedTexts(), before + 2);
        option.rect.setWidth(150); // a narrower column: elided again
        delegate->paint(&painter, option, model->index(0, 0));
        QCOMPARE(delegate->cachedTexts(), before + 3);
        // Another font starts over.
        QFont bigger = option.font;
        bigger.setPointSize(bigger.pointSize() + 4);
        option.font = bigger;
        model->setData(model->index(0, 0), QStringLiteral("x"));
        delegate->paint(&painter, option, model->index(0, 0));
        QCOMPARE(delegate->cachedTexts(), 1);
    }
};

QTEST_MAIN(TestCachedTextDelegate)
#include "tst_cachedtextdelegate.moc"
