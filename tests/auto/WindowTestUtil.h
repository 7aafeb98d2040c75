#pragma once
// What the widget tests share: a named child that must exist, and a board cell's text.

#include <QAbstractItemModel>
#include <QLatin1String>
#include <QObject>
#include <QString>
#include <QTreeView>

namespace WindowTestUtil {

// The child called `name`; a test that cannot find one stops at once (it names the child).
template<typename T>
T *child(QObject *parent, const char *name)
{
    T *c = parent->findChild<T *>(QLatin1String(name));
    if (!c)
        qFatal("no child %s", name);
    return c;
}

inline QString cell(QTreeView *view, int row, int column)
{
    return view->model()->index(row, column).data().toString();
}

} // namespace WindowTestUtil
