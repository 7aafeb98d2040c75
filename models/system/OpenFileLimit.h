#pragma once

#include <QtGlobal>

// How many files (sockets, pipes, event fds) this process may have open at once. Each fetch
// worker holds several; a desktop session's default soft limit of 1,024 is far below what a
// few hundred concurrent fetches need, while the hard limit usually allows much more.
class OpenFileLimit
{
public:
    // Raises the soft limit to the hard one (done once at start-up by both programs, before
    // any thread exists) and returns the limit now in force. On Unix it also grows the
    // kernel's descriptor table for a few thousand children at once (see the .cpp).
    static qint64 raiseToHardLimit();
    // The soft limit in force; a very large number where the system has no such limit.
    static qint64 current();
    // The soft limit before raiseToHardLimit() raised it, or -1 when it was not raised. Children
    // get it back (ChildSetup): programs that still use select(), or that close every
    // descriptor up to the limit, must not see ours.
    static qint64 originalSoftLimit();
};
