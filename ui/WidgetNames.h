#pragma once

#include <QString>
#include <QWidget>

// Every widget a test or a screen reader needs gets an object name and an accessible name.
inline void nameWidget(QWidget *widget, const char *objectName, const QString &accessibleName)
{
    widget->setObjectName(QLatin1String(objectName));
    widget->setAccessibleName(accessibleName);
}
