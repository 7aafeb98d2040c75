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
    // The processes ran side by side: on average at least 1 + (k - 1) × this many of the k were
    // alive at once (sum of their lifetimes over the wall time). One after another gives 1.
    // Robust to a busy machine: sharing fewer cores makes each live longer, not shorter.
    static constexpr double MinConcurrencyShare = 0.5;
    CpuDemo(const DemoInfo &info, QObject *parent) : Demo(info, parent) {}

    struct Phase
    {
        int processes = 0;
        qint64 wallMs = 0;
        qint64 cpuMs = 0;
        double concurrency = 0; // how many were alive at once, on average over the wall time
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
