#include "process/Guardian.h"

// Windows: every child joins the Job Object of ChildSetup (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE);
// when Runboard ends in any way, the system closes its handle and kills every tree. There is
// nothing for a guardian process to do.
bool Guardian::start(int, char **) { return false; }
bool Guardian::isRunning() { return false; }
qint64 Guardian::pid() { return 0; }
bool Guardian::watchSelfFromChild() { return false; }
void Guardian::watchGroup(qint64, quint64) {}
void Guardian::forgetGroup(qint64) {}
void Guardian::watchProcess(qint64, quint64) {}
