#pragma once

// Runboard started with stdin, stdout or stderr closed (`<&-`, a daemon, a service manager):
// the next descriptor Runboard opened took that number, and whatever then used the standard
// stream used it instead — the child's output that runboard-cli passes on went into Qt's own
// eventfd, and an inherited stdin would have handed a child one of Runboard's pipes.
namespace StandardStreams {

// Puts /dev/null on every closed one of fds 0-2, opened the wrong way round as glibc does for
// set-user-ID programs: reading stdin and writing stdout or stderr still fail with EBADF, as
// on a closed descriptor, while the number stays taken. Call first thing in main(), before
// anything opens a descriptor. Nothing to do on Windows.
void holdClosedOnes();

} // namespace StandardStreams
