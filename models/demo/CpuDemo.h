#pragma once

#include "demo/Demo.h"

#include <QTemporaryDir>

#include <memory>

// Demo 5: the same CPU-bound work split over 1, 2 and N child processes (the helper's cpu
// mode), with CPU use and wall time side by side; then, where python3 exists, our Python
// program that runs the work serially, on threads and on processes (the GIL lesson).
class CpuDemo final : public Demo
{
    Q_OBJECT
public:
    static constexpr int TotalUnits = 240; // about half a second of one core here
    static constexpr double MinParallelGain = 1.2;
    static constexpr double MinOverlap = 0.5; // of the wall time: the processes ran side by side
    CpuDemo(const DemoInfo &info, QObject *parent) : Demo(info, parent) {}

    struct Phase
    {
        int processes = 0;
        qint64 wallMs = 0;
        qint64 cpuMs = 0;
        qint64 overlapMs = 0; // how long all of them ran at the same time
        bool ok = false;
        double usage() const { return wallMs > 0 ? double(cpuMs) / double(wallMs) : 0; }
    };
    const QList<Phase> &phases() const { return m_phases; }
    static QList<int> processCounts(int cores);

protected:
    void run() override;

private:
    void runPhase(int index);
    void runPython();
    void conclude(const QStringList &pythonLines, const QString &pythonProblem);

    QList<int> m_counts;
    QList<Phase> m_phases;
    QString m_helper;
    std::unique_ptr<QTemporaryDir> m_dir;
};
