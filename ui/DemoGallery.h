#pragma once

#include "timeline/TimelineModel.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

#include <memory>

class Demo;
class QCheckBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class TimelineView;
struct DemoOutcome;

// Help ▸ Demos: the six lessons, each with what to watch, a Python snippet beside the same in
// Qt/C++ (highlighted, copyable), Run and Stop, the outcome check in green or red with its
// reason, what the demo said, and its live timeline. The demos run on supervisors of their
// own: the board is never touched, and closing the gallery's owner stops their children.
class DemoGallery final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoGallery)
public:
    explicit DemoGallery(QWidget *parent = nullptr);
    ~DemoGallery() override;

    void selectDemo(const QString &name);
    QString currentDemo() const;
    Demo *demo(const QString &name); // created on first use
    TimelineView *timeline() const { return m_timeline; }

public Q_SLOTS:
    void runCurrent();
    void stopCurrent();

private:
    void showDemo(const QString &name);
    void bindTimeline(Demo *demo);
    void showOutcome(Demo *demo);
    void updateButtons();

    QListWidget *m_list;
    QLabel *m_title;
    QLabel *m_watch;
    QPlainTextEdit *m_python;
    QPlainTextEdit *m_cpp;
    QPushButton *m_run;
    QPushButton *m_stop;
    QCheckBox *m_helper;
    QCheckBox *m_internet;
    QLabel *m_outcome;
    QPlainTextEdit *m_log;
    TimelineView *m_timeline;
    QPointer<TimelineModel> m_timelineModel;
    QHash<QString, Demo *> m_demos;
};
