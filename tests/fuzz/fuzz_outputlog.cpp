// OutputLog fed random bytes in random chunks on two streams, with flushes, system lines and
// clears in between, checked against a plain model of what a terminal shows: the byte counts
// are exact, every retained line is the model's line (cut at the cap, with the cut counted),
// and the limits hold.

#include "FuzzSupport.h"
#include "process/OutputLog.h"

#include <vector>

namespace {
struct ModelLine
{
    OutputLog::Stream stream;
    QByteArray bytes;
    bool system = false;
};

// One stream's line being written: LF ends it, a CR makes the next text start it over.
struct ModelPartial
{
    QByteArray bytes;
    bool active = false;
    bool pendingCr = false;
};

class Model
{
public:
    explicit Model(const OutputLog::Limits &limits)
        : m_limits(limits)
    {
    }

    void append(OutputLog::Stream s, const QByteArray &data)
    {
        ModelPartial &p = m_partial[s];
        for (const char c : data) {
            if (c == '\n') {
                lines.push_back({s, p.bytes});
                p = ModelPartial{};
                continue;
            }
            p.active = true;
            if (c == '\r') {
                p.pendingCr = true;
                continue;
            }
            if (p.pendingCr)
                p.bytes.clear();
            p.pendingCr = false;
            p.bytes.append(c);
        }
    }
    void flush()
    {
        for (int s = 0; s < OutputLog::StreamCount; ++s) {
            if (m_partial[s].active)
                lines.push_back({OutputLog::Stream(s), m_partial[s].bytes});
            m_partial[s] = ModelPartial{};
        }
    }
    void appendSystem(const QString &text)
    {
        flush();
        lines.push_back({OutputLog::System, text.toUtf8().left(m_limits.maxLineBytes), true});
    }
    const ModelPartial &partial(OutputLog::Stream s) const { return m_partial[s]; }

    std::vector<ModelLine> lines;

private:
    OutputLog::Limits m_limits;
    ModelPartial m_partial[OutputLog::StreamCount];
};

QString cutMarker(qint64 cut)
{
    return QStringLiteral(" \u2026") + OutputLog::tr("[%1 bytes cut]").arg(cut);
}

// A line as the log shows it, given the model's bytes for it.
void checkLine(const OutputLog::Line &got, OutputLog::Stream stream, const QByteArray &bytes,
               qint64 maxLineBytes, qint64 number)
{
    const QString where = QStringLiteral("line %1: ").arg(number);
    FUZZ_CHECK(got.stream == stream, where);
    if (got.cutBytes == 0) {
        FUZZ_CHECK(bytes.size() <= maxLineBytes, where + QString::number(bytes.size()));
        FUZZ_CHECK(got.text == QString::fromUtf8(bytes), where + got.text);
        return;
    }
    // Cut: the head is kept, backed off at most 3 bytes so as not to split a character.
    const qint64 kept = bytes.size() - got.cutBytes;
    FUZZ_CHECK(kept <= maxLineBytes && kept >= maxLineBytes - 3,
               where + QStringLiteral("kept %1 of %2").arg(kept).arg(bytes.size()));
    FUZZ_CHECK(got.text == QString::fromUtf8(bytes.left(kept)) + cutMarker(got.cutBytes),
               where + got.text);
}

void checkAll(const OutputLog &log, const Model &model, const qint64 fed[2], qint64 clearedAt)
{
    const OutputLog::Limits &lim = log.limits();
    FUZZ_CHECK(log.bytesReceived(OutputLog::Stdout) == fed[0]);
    FUZZ_CHECK(log.bytesReceived(OutputLog::Stderr) == fed[1]);
    FUZZ_CHECK(log.bytesReceived(OutputLog::System) == 0);
    FUZZ_CHECK(log.endLine() == qint64(model.lines.size()));
    FUZZ_CHECK(log.firstLine() >= clearedAt && log.firstLine() <= log.endLine());
    FUZZ_CHECK(log.retainedLines() <= lim.maxRetainedLines);
    // Whole blocks are dropped for the byte limit, never the one being written (64 KiB, or one
    // line when a line is larger).
    FUZZ_CHECK(log.retainedBytes() >= 0 &&
                   log.retainedBytes() <=
                       std::max<qint64>(lim.maxRetainedBytes,
                                        std::max<qint64>(64 * 1024, lim.maxLineBytes)),
               QString::number(log.retainedBytes()));
    if (log.endLine() > log.firstLine()) {
        const qint64 last = log.endLine() - 1;
        const ModelLine &m = model.lines[size_t(last)];
        checkLine(log.line(last), m.stream, m.bytes, lim.maxLineBytes, last);
    }
    for (int s = 0; s < 2; ++s) {
        const auto stream = OutputLog::Stream(s);
        const ModelPartial &p = model.partial(stream);
        if (!p.active) {
            FUZZ_CHECK(!log.hasPartial(stream));
            continue;
        }
        if (log.hasPartial(stream))
            checkLine(log.partial(stream), stream, p.bytes, lim.maxLineBytes, -1);
        else
            FUZZ_CHECK(p.bytes.isEmpty());
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    // Small limits so that short inputs reach the line cap and the retention limits.
    OutputLog::Limits limits;
    limits.maxLineBytes = 16 + in.byte() % 48;
    const uint8_t lines = in.byte();
    limits.maxRetainedLines = lines == 255 ? 200000 : 1 + lines % 64;
    limits.maxRetainedBytes = 64 + qint64(in.byte()) * 1024;
    OutputLog log(limits);
    const OutputLog::Limits &lim = log.limits();
    Model model(lim);
    qint64 fed[2] = {0, 0};
    qint64 clearedAt = 0;
    qint64 cutBytes = 0;

    while (!in.atEnd()) {
        const uint8_t op = in.byte();
        const auto stream = OutputLog::Stream(op & 1);
        switch ((op >> 1) % 8) {
        case 0:
        case 1:
        case 2:
        case 3: { // a read of 0..255 bytes
            const QByteArray chunk = in.bytes(in.byte());
            log.append(stream, chunk);
            model.append(stream, chunk);
            fed[stream] += chunk.size();
            break;
        }
        case 4: { // a chunk read many times over: long lines, full blocks, dropped lines
            const QByteArray chunk = in.bytes(1 + in.byte() % 64);
            const int times = 1 + in.byte() * 4;
            for (int i = 0; i < times; ++i) {
                log.append(stream, chunk.constData(), chunk.size());
                model.append(stream, chunk);
                fed[stream] += chunk.size();
            }
            break;
        }
        case 5:
            log.flush();
            model.flush();
            break;
        case 6: {
            const QString text = QString::fromUtf8(in.bytes(in.byte() % 128));
            log.appendSystem(text);
            model.appendSystem(text);
            break;
        }
        case 7:
            if (op & 1) { // rarer than the rest
                log.clear();
                clearedAt = log.endLine();
                FUZZ_CHECK(log.retainedLines() == 0 && log.firstLine() == log.endLine());
            }
            break;
        }
        FUZZ_CHECK(log.cutBytes() >= cutBytes);
        cutBytes = log.cutBytes();
        checkAll(log, model, fed, clearedAt);
    }

    // Every retained line, one by one and in a batch.
    const QList<OutputLog::Line> batch = log.lines(log.firstLine(), log.retainedLines());
    FUZZ_CHECK(batch.size() == log.retainedLines());
    for (qint64 n = log.firstLine(); n < log.endLine(); ++n) {
        const ModelLine &m = model.lines[size_t(n)];
        const OutputLog::Line l = log.line(n);
        checkLine(l, m.stream, m.bytes, lim.maxLineBytes, n);
        FUZZ_CHECK(batch.at(n - log.firstLine()).text == l.text);
    }
    FUZZ_CHECK(log.line(log.endLine()).text.isEmpty() &&
               log.line(log.firstLine() - 1).text.isEmpty());
    return 0;
}
