#pragma once

#include <QtGlobal>

// Work that can wait for a later event-loop turn — reading children's output (PipeWatch),
// queued starts and stops (ProcessSupervisor) — shares one budget per turn of the thread's
// event loop. Each used to have a budget of its own, and in a turn where all of them had work
// (Start All with output already coming in, Stop All with children ending) their budgets
// added up: 5 + 4 ms before the paint. Now the turn's budgeted work stays near BudgetNs.
//
// Each user asks what is left (with a floor, so that every one of them still makes progress
// in a turn that others have used up) and adds what it spent. The count starts again at every
// turn: at QAbstractEventDispatcher::aboutToBlock and awake, which every dispatcher emits
// around each pass of its loop. Per thread; without an event loop nothing is ever reset, and
// users get their floor.
class TurnBudget
{
public:
    static constexpr qint64 BudgetNs = 5000000;

    // Budgeted time spent in this turn of this thread's event loop so far.
    static qint64 spentNs();
    // What is left of this turn's budget, and at least floorNs.
    static qint64 leftNs(qint64 floorNs = 0);
    static void add(qint64 ns);
};
