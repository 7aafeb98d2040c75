// SessionFile::parse: any bytes give either processes or one error naming the problem; a
// session that loads, saved and loaded again, is the same session.

#include "FuzzSupport.h"
#include "session/SessionFile.h"

namespace {
bool sameStdin(const StdinSource &a, const StdinSource &b)
{
    return a.mode == b.mode && a.text == b.text && a.filePath == b.filePath &&
           a.randomBytes == b.randomBytes;
}

bool sameSpec(const LaunchSpec &a, const LaunchSpec &b)
{
    return a.name == b.name && a.command == b.command && a.pipeline == b.pipeline &&
           a.shell == b.shell && a.workingDirectory == b.workingDirectory &&
           a.environment.clean == b.environment.clean && a.environment.set == b.environment.set &&
           a.environment.unset == b.environment.unset && sameStdin(a.stdinSource, b.stdinSource) &&
           a.timeoutMs == b.timeoutMs && a.graceMs == b.graceMs && a.copies == b.copies;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString base = QStringLiteral("/base/dir");
    const SessionLoadResult first = SessionFile::parse(json, base);
    if (!first.ok()) {
        FUZZ_CHECK(first.processes.isEmpty());
        return 0;
    }
    for (const LaunchSpec &spec : first.processes) {
        FUZZ_CHECK(spec.validate().isEmpty(), spec.validate());
        FUZZ_CHECK(spec.workingDirectory.isEmpty() ||
                       spec.workingDirectory.startsWith(QLatin1Char('/')),
                   spec.workingDirectory);
    }
    const QByteArray saved = SessionFile::serialize(first.processes);
    const SessionLoadResult second = SessionFile::parse(saved, base);
    FUZZ_CHECK(second.ok(), second.error + QLatin1Char('\n') + QString::fromUtf8(saved));
    FUZZ_CHECK(second.warnings.isEmpty(), second.warnings.join(QLatin1Char('\n')));
    FUZZ_CHECK(second.processes.size() == first.processes.size());
    for (qsizetype i = 0; i < first.processes.size(); ++i)
        FUZZ_CHECK(sameSpec(first.processes.at(i), second.processes.at(i)),
                   QString::fromUtf8(saved));
    // Saving is deterministic: the same session gives the same bytes.
    FUZZ_CHECK(SessionFile::serialize(second.processes) == saved);
    return 0;
}
