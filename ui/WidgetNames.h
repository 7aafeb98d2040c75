#pragma once

#include <QString>
#include <QWidget>

// Every widget a test or a screen reader needs gets an object name and an accessible name;
// every control also a description (what it does, more than its name: tests/auto/
// tst_accessibility). A tool tip is the description too, where there is one.
inline void nameWidget(QWidget *widget, const char *objectName, const QString &accessibleName,
                       const QString &description = QString())
{
    widget->setObjectName(QLatin1String(objectName));
    widget->setAccessibleName(accessibleName);
    if (!description.isEmpty())
        widget->setAccessibleDescription(description);
}
