// The teaching lab's part of the main window: Help ▸ Demos, the first-start gallery, and the
// View ▸ Timeline dock. Kept apart from MainWindow.cpp so that the board's code stays as is.
#include "MainWindow.h"

#include "DemoGallery.h"
#include "NetworkPanel.h"
#include "TimelineView.h"
#include "process/ProcessSupervisor.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelineRecorder.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTimer>

#include <algorithm>

namespace {
const char kGalleryShownKey[] = "lab/demoGalleryShown";
}

void MainWindow::createLab()
{
    m_timelineRecorder = new TimelineRecorder(this);
    m_timelineRecorder->watch(m_supervisor, tr("board"));
    m_timelineRecorder->addFetchEngine(m_network->engine(), tr("network"));
    m_timelineView = new TimelineView;
    m_timelineView->setModel(new TimelineModel(m_timelineRecorder, m_timelineView));
    m_timelineDock = new QDockWidget(tr("Timeline"), this);
    m_timelineDock->setObjectName(QStringLiteral("timelineDock"));
    m_timelineDock->setWidget(m_timelineView);
    addDockWidget(Qt::BottomDockWidgetArea, m_timelineDock);
    m_timelineDock->hide(); // View ▸ Timeline shows it

    QAction *timeline = m_timelineDock->toggleViewAction();
    timeline->setObjectName(QStringLiteral("actionTimeline"));
    timeline->setText(tr("&Timeline"));
    timeline->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    // Opened by the user for the first time in this window: a third of its height, so that
    // several rows are readable (the dock's minimum shows one or two). A size the user gave
    // it, or one restored from the last session, is kept.
    connect(timeline, &QAction::triggered, this, [this](bool on) {
        if (!on || m_timelineDock->isFloating() || m_timelineDock->height() >= height() / 4)
            return;
        resizeDocks({m_timelineDock}, {std::max(180, height() / 3)}, Qt::Vertical);
    });
    QMenu *view = nullptr;
    QMenu *help = nullptr;
    for (QAction *a : menuBar()->actions()) {
        if (!a->menu())
            continue;
        if (a->menu()->objectName() == QLatin1String("helpMenu"))
            help = a->menu();
        else if (a->text() == tr("&View"))
            view = a->menu();
    }
    if (view)
        view->addAction(timeline);
    if (!help) {
        help = menuBar()->addMenu(tr("&Help"));
        help->setObjectName(QStringLiteral("helpMenu"));
    }
    auto *demos = new QAction(tr("&Demos…"), this);
    demos->setObjectName(QStringLiteral("actionDemos"));
    demos->setStatusTip(tr("The Effective Python lessons as one-click demos"));
    connect(demos, &QAction::triggered, this, [this] { showDemos(); });
    help->addAction(demos);
}

DemoGallery *MainWindow::showDemos()
{
    if (!m_gallery) {
        // A child of the window: closing the window ends the demos and stops their children.
        m_gallery = new DemoGallery(this);
    }
    m_gallery->show();
    m_gallery->raise();
    m_gallery->activateWindow();
    return m_gallery;
}

void MainWindow::showDemosOnFirstStart()
{
    QSettings s;
    if (s.value(QLatin1String(kGalleryShownKey), false).toBool())
        return;
    s.setValue(QLatin1String(kGalleryShownKey), true);
    // After the window is up, so that the gallery opens over it.
    QTimer::singleShot(0, this, [this] { showDemos(); });
}
