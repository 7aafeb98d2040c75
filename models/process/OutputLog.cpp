#include "process/OutputLog.h"

#include "process/BinaryDetector.h"

#include <QDateTime>

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif
#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__)
#include <immintrin.h>
#endif
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#endif

namespace {
// Small blocks: memory follows what is kept closely, and dropping old lines frees it in small
// steps. A block is full at BlockSize bytes or BlockLines lines, whichever comes first.
constexpr qint64 BlockSize = 64 * 1024;
constexpr qint64 BlockLines = 4096;
// A log's first block is small and each next one four times larger, up to BlockSize: most
// runs print a few lines (or only how they ended), and a thousand of them on the board held
// 128 KiB each for it; a fresh 128 KiB at every launch also cost page faults (bench_engine
// spawn).
constexpr qint64 FirstBlockSize = 1024;

const char *findLastCr(const char *data, qint64 size)
{
#if defined(__GLIBC__)
    return static_cast<const char *>(memrchr(data, '\r', size_t(size)));
#else
    for (qint64 i = size - 1; i >= 0; --i) {
        if (data[i] == '\r')
            return data + i;
    }
    return nullptr;
#endif
}

// memcpy for the short lines of most output (a number, a log line): inline loads and stores,
// not a call into the C library per line (its dispatch cost more than the copy: 14 % of the
// window's GUI thread showing `seq` live, more than the rest of append()).
inline void copyLine(char *to, const char *from, qint64 len)
{
    if (len >= 8 && len <= 16) {
        std::uint64_t a, b;
        std::memcpy(&a, from, 8);
        std::memcpy(&b, from + len - 8, 8);
        std::memcpy(to, &a, 8);
        std::memcpy(to + len - 8, &b, 8);
    } else if (len >= 4 && len < 8) {
        std::uint32_t a, b;
        std::memcpy(&a, from, 4);
        std::memcpy(&b, from + len - 4, 4);
        std::memcpy(to, &a, 4);
        std::memcpy(to + len - 4, &b, 4);
    } else if (len > 0 && len < 4) {
        to[0] = from[0];
        to[len / 2] = from[len / 2];
        to[len - 1] = from[len - 1];
    } else if (len > 16) {
        std::memcpy(to, from, size_t(len));
    }
}

// The lowest set bit of a non-zero mask.
inline int firstBit(unsigned mask)
{
#if defined(_MSC_VER) && !defined(__clang__)
    unsigned long bit;
    _BitScanForward(&bit, mask);
    return int(bit);
#else
    return __builtin_ctz(mask);
#endif
}

// The next '\n' in [from, end), or nullptr. Most lines are short: the first 16 bytes are
// looked at inline (SSE2, part of every x86-64), memchr does the rest.
inline const char *findNewline(const char *from, const char *end)
{
#if defined(__SSE2__) || defined(_M_X64)
    if (end - from >= 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i *>(from));
        const int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('\n')));
        if (mask != 0)
            return from + firstBit(unsigned(mask));
        from += 16;
    }
#endif
    return static_cast<const char *>(std::memchr(from, '\n', size_t(end - from)));
}

// The next '\n' in [from, end) (nullptr when there is none), and whether a '\r' comes before
// it, in one pass: a line longer than a read (a 4 GiB line of `head -c 4G /dev/zero`) was
// looked at twice per read, once for CR and once for the newline.
#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__) && !defined(__AVX2__)
#define RB_AVX2_SKIP 1
// With AVX2 (most x86-64 machines since 2013), chosen at run time: the 64-byte steps take half
// the instructions.
__attribute__((target("avx2"))) const char *skipPlainAvx2(const char *from, const char *end)
{
    const __m256i nl = _mm256_set1_epi8('\n');
    const __m256i cv = _mm256_set1_epi8('\r');
    while (end - from >= 64) {
        const auto *v = reinterpret_cast<const __m256i *>(from);
        const __m256i a = _mm256_loadu_si256(v), b = _mm256_loadu_si256(v + 1);
        const __m256i any = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(a, nl), _mm256_cmpeq_epi8(a, cv)),
                                            _mm256_or_si256(_mm256_cmpeq_epi8(b, nl), _mm256_cmpeq_epi8(b, cv)));
        if (!_mm256_testz_si256(any, any))
            break;
        from += 64;
    }
    return from;
}

bool hasAvx2()
{
    static const bool yes = (__builtin_cpu_init(), __builtin_cpu_supports("avx2"));
    return yes;
}
#endif

inline const char *findNewlineNotingCr(const char *from, const char *end, bool *cr)
{
#if defined(__SSE2__) || defined(_M_X64)
    const __m128i nl = _mm_set1_epi8('\n');
    const __m128i cv = _mm_set1_epi8('\r');
#ifdef RB_AVX2_SKIP
    if (end - from >= 64 && hasAvx2())
        from = skipPlainAvx2(from, end);
#endif
    while (end - from >= 64) {
        const auto *v = reinterpret_cast<const __m128i *>(from);
        const __m128i a = _mm_loadu_si128(v), b = _mm_loadu_si128(v + 1);
        const __m128i c = _mm_loadu_si128(v + 2), d = _mm_loadu_si128(v + 3);
        const __m128i any = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, nl), _mm_cmpeq_epi8(a, cv)),
                         _mm_or_si128(_mm_cmpeq_epi8(b, nl), _mm_cmpeq_epi8(b, cv))),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(c, nl), _mm_cmpeq_epi8(c, cv)),
                         _mm_or_si128(_mm_cmpeq_epi8(d, nl), _mm_cmpeq_epi8(d, cv))));
        if (_mm_movemask_epi8(any) != 0)
            break; // one of them is in these 64 bytes: found below
        from += 64;
    }
    while (end - from >= 16) {
        const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i *>(from));
        const unsigned n = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, nl)));
        const unsigned r = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, cv)));
        if (n != 0) {
            const int bit = firstBit(n);
            if (r & ((1u << bit) - 1u))
                *cr = true;
            return from + bit;
        }
        if (r != 0) {
            *cr = true; // the newline, if any, is all that is left to find
            return static_cast<const char *>(std::memchr(from, '\n', size_t(end - from)));
        }
        from += 16;
    }
#endif
    for (; from < end; ++from) {
        if (*from == '\n')
            return from;
        if (*from == '\r')
            *cr = true;
    }
    return nullptr;
}

// How many of the first `room` bytes can be kept without splitting a UTF-8 sequence.
qint64 utf8SafePrefix(const char *data, qint64 size, qint64 room)
{
    if (room >= size)
        return size;
    qint64 take = room;
    // data[take] is the first byte dropped: if it continues a sequence, back off to its lead.
    for (int i = 0; i < 3 && take > 0 && (uchar(data[take]) & 0xC0) == 0x80; ++i)
        --take;
    if (take > 0 && (uchar(data[take]) & 0xC0) == 0x80)
        take = room; // not UTF-8 anyway: cut where the cap says
    return take;
}
} // namespace

OutputLog::OutputLog() : OutputLog(Limits{}) {}

OutputLog::OutputLog(const Limits &limits)
    : m_limits(limits)
    , m_epochMs(QDateTime::currentMSecsSinceEpoch())
{
    m_limits.maxLineBytes = std::clamp<qint64>(m_limits.maxLineBytes, 16, 1024 * 1024);
    m_limits.maxRetainedLines = std::max<qint64>(m_limits.maxRetainedLines, 1);
    m_limits.maxRetainedBytes = std::max<qint64>(m_limits.maxRetainedBytes, 4 * m_limits.maxLineBytes);
}

OutputLog::~OutputLog() = default;

void OutputLog::append(Stream stream, const char *data, qint64 size)
{
    if (size <= 0)
        return;
    m_bytes[stream] += size;
    ++m_revision;
    if (stream == Stdout && m_rawHeadOffset + m_rawHead.size() < RawHeadBytes)
        m_rawHead.append(data, std::min(size, RawHeadBytes - m_rawHeadOffset - m_rawHead.size()));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Partial &p = m_partial[stream];
    const char *end = data + size;
    if (p.active) {
        // A line begun in an earlier read goes on: its end and whether a CR comes before it,
        // in one look.
        bool cr = false;
        const char *nl = findNewlineNotingCr(data, end, &cr);
        feedPartial(p, data, (nl ? nl : end) - data, now, cr);
        if (nl)
            commitPartial(stream);
        data = nl ? nl + 1 : end;
    }
    // One look for CR in the rest of the read spares one per line in the usual case.
    const bool anyCr = data < end && std::memchr(data, '\r', size_t(end - data)) != nullptr;
    const auto ms = quint32(std::clamp<qint64>(now - m_epochMs, 0, UINT_MAX));
    while (data < end) {
        if (!p.active) {
            data = appendWholeLines(stream, data, end, anyCr, ms);
            if (data == end)
                break;
        }
        const char *nl = findNewline(data, end);
        const char *segEnd = nl ? nl : end;
        const qint64 len = segEnd - data;
        if (nl && !p.active && len <= m_limits.maxLineBytes
            && (!anyCr || !std::memchr(data, '\r', size_t(len)))) {
            // The common case: a whole line in one read, and room for it in the last block.
            Block *b = m_blocks.empty() ? nullptr : &m_blocks.back();
            if (b && b->capacity - b->used >= len && qint64(b->entries.size()) < BlockLines) {
                copyLine(b->data.get() + b->used, data, len);
                Entry &e = b->entries.emplace_back();
                e.offset = quint32(b->used);
                e.length = quint32(len);
                e.msSinceEpoch = ms;
                e.stream = stream;
                e.cut = 0;
                b->used += len;
                m_retainedBytes += len;
                ++m_endLine; // the limits are enforced once, below
            } else {
                commit(stream, data, len, 0, now);
            }
        } else {
            feedPartial(p, data, len, now, anyCr);
            if (nl)
                commitPartial(stream);
        }
        data = nl ? nl + 1 : end;
    }
    // Once per read, not once per line: the lines of one read may pass the limits for a moment
    // (at most one read's worth, which nobody sees), then exactly the excess goes.
    if (m_endLine - firstLine() > m_limits.maxRetainedLines || m_retainedBytes > m_limits.maxRetainedBytes)
        enforceLimits();
}

const char *OutputLog::appendWholeLines(Stream stream, const char *data, const char *end, bool anyCr, quint32 ms)
{
    // The common case as a tight loop: whole lines without CR that fit in the last block. The
    // block's counters live in locals here (the byte copies could alias any member to the
    // compiler, which would reload them every line) and entries go in by the hundred.
    if (m_blocks.empty())
        return data;
    Block &b = m_blocks.back();
    char *const base = b.data.get();
    const qint64 capacity = b.capacity;
    const qint64 maxLine = m_limits.maxLineBytes;
    qint64 used = b.used;
    qint64 room = BlockLines - qint64(b.entries.size());
    qint64 added = 0;
    qint64 lines = 0;
    constexpr int Staged = 128;
    Entry staged[Staged];
    int n = 0;
    while (room > 0) {
        const char *nl = findNewline(data, end);
        if (!nl)
            break;
        const qint64 len = nl - data;
        if (len > maxLine || capacity - used < len || (anyCr && std::memchr(data, '\r', size_t(len))))
            break;
        copyLine(base + used, data, len);
        staged[n] = Entry{quint32(used), quint32(len), ms, quint8(stream), 0, 0};
        used += len;
        added += len;
        ++lines;
        --room;
        data = nl + 1;
        if (++n == Staged) {
            b.entries.insert(b.entries.end(), staged, staged + n);
            n = 0;
        }
    }
    b.entries.insert(b.entries.end(), staged, staged + n);
    b.used = used;
    m_retainedBytes += added;
    m_endLine += lines; // the limits are enforced by append(), once per read
    return data;
}

void OutputLog::feedPartial(Partial &p, const char *data, qint64 size, qint64 now, bool mayHaveCr)
{
    if (!p.active) {
        p.active = true;
        p.timestampMs = now;
    }
    if (size == 0)
        return;
    // A read known to have no CR is not looked at again (a 4 GiB line without a newline was
    // scanned three times: for CR, for the newline, for the last CR).
    const char *cr = mayHaveCr ? findLastCr(data, size) : nullptr;
    if (!cr) {
        if (p.pendingCr) {
            p.bytes.clear();
            p.cut = 0;
            p.full = false;
            p.pendingCr = false;
        }
        addToPartial(p, data, size);
        return;
    }
    const char *tail = cr + 1;
    const qint64 tailLen = (data + size) - tail;
    if (tailLen > 0) {
        // Text after the last CR overwrites everything before it.
        p.bytes.clear();
        p.cut = 0;
        p.full = false;
        p.pendingCr = false;
        addToPartial(p, tail, tailLen);
        return;
    }
    // The segment ends in CR: what is visible is the last non-empty piece before it.
    const char *e = cr;
    while (e > data && e[-1] == '\r')
        --e;
    if (e > data) {
        const char *prevCr = findLastCr(data, e - data);
        const char *start = prevCr ? prevCr + 1 : data;
        if (prevCr || p.pendingCr) {
            p.bytes.clear();
            p.cut = 0;
            p.full = false;
        }
        addToPartial(p, start, e - start);
    }
    p.pendingCr = true;
}

void OutputLog::addToPartial(Partial &p, const char *data, qint64 size)
{
    if (p.full) {
        p.cut += size;
        m_cutBytesTotal += size;
        return;
    }
    const qint64 room = m_limits.maxLineBytes - p.bytes.size();
    const qint64 take = utf8SafePrefix(data, size, room);
    p.bytes.append(data, take);
    if (take < size) {
        p.full = true;
        p.cut += size - take;
        m_cutBytesTotal += size - take;
    }
}

void OutputLog::commitPartial(Stream stream)
{
    Partial &p = m_partial[stream];
    commit(stream, p.bytes.constData(), p.bytes.size(), p.cut, p.timestampMs);
    p.cut = 0;
    p.active = false;
    p.pendingCr = false;
    p.full = false;
    // Keep a small buffer for the next line; give back a large one.
    if (p.bytes.capacity() > 4096)
        p.bytes = QByteArray();
    else
        p.bytes.clear();
}

void OutputLog::commit(Stream stream, const char *data, qint64 size, qint64 cut, qint64 ts)
{
    if (m_blocks.empty() || m_blocks.back().capacity - m_blocks.back().used < size
        || qint64(m_blocks.back().entries.size()) >= BlockLines) {
        Block b;
        const qint64 grown = m_blocks.empty() ? FirstBlockSize
                                              : std::min(BlockSize, 4 * m_blocks.back().capacity);
        b.capacity = std::max(grown, size);
        b.data.reset(new char[size_t(b.capacity)]);
        b.firstLine = m_endLine;
        // About one entry per 16 bytes; more lines than that grow the vector.
        b.entries.reserve(size_t(std::clamp<qint64>(b.capacity / 16, 16, BlockLines)));
        m_blocks.push_back(std::move(b));
    }
    Block &b = m_blocks.back();
    if (size > 0)
        std::memcpy(b.data.get() + b.used, data, size_t(size));
    // Filled in place: building an Entry on the stack and copying it stalled store forwarding.
    Entry &e = b.entries.emplace_back();
    e.offset = quint32(b.used);
    e.length = quint32(size);
    e.msSinceEpoch = quint32(std::clamp<qint64>(ts - m_epochMs, 0, UINT_MAX));
    e.stream = stream;
    e.cut = cut > 0;
    if (cut > 0)
        m_cuts.insert(m_endLine, cut);
    b.used += size;
    m_retainedBytes += size;
    ++m_endLine;
    if (m_endLine - firstLine() > m_limits.maxRetainedLines
        || m_retainedBytes > m_limits.maxRetainedBytes)
        dropForNewLine();
}

void OutputLog::dropForNewLine()
{
    // A full log drops one line per line added: the common case, without the general walk
    // (enforceLimits() per line was a quarter of the time of reading `seq`).
    const Block &front = m_blocks.front();
    if (m_retainedBytes <= m_limits.maxRetainedBytes && m_blocks.size() > 1 && m_cuts.isEmpty()
        && m_frontSkip + 1 < qint64(front.entries.size())
        && m_endLine - firstLine() == m_limits.maxRetainedLines + 1)
        ++m_frontSkip;
    else
        enforceLimits();
}

void OutputLog::enforceLimits()
{
    // Lines: drop exactly the excess, from the front block onwards.
    qint64 excess = (m_endLine - firstLine()) - m_limits.maxRetainedLines;
    while (excess > 0 && !m_blocks.empty()) {
        Block &front = m_blocks.front();
        const qint64 inFront = qint64(front.entries.size());
        const qint64 skip = std::min(excess, inFront - m_frontSkip);
        m_frontSkip += skip;
        excess -= skip;
        if (m_frontSkip < inFront)
            break;
        if (m_blocks.size() == 1)
            break; // the block being written: keep it, its lines are gone
        m_retainedBytes -= front.used;
        m_blocks.pop_front();
        m_frontSkip = 0;
    }
    // Bytes: drop whole blocks, never the one being written.
    while (m_retainedBytes > m_limits.maxRetainedBytes && m_blocks.size() > 1) {
        m_retainedBytes -= m_blocks.front().used;
        m_blocks.pop_front();
        m_frontSkip = 0;
    }
    if (!m_cuts.isEmpty()) {
        const qint64 first = firstLine();
        m_cuts.removeIf([first](const QHash<qint64, qint64>::iterator &it) { return it.key() < first; });
    }
}


const OutputLog::Entry *OutputLog::entryFor(qint64 number, const Block **block) const
{
    if (number < firstLine() || number >= m_endLine)
        return nullptr;
    auto it = std::upper_bound(m_blocks.begin(), m_blocks.end(), number,
                               [](qint64 n, const Block &b) { return n < b.firstLine; });
    --it;
    *block = &*it;
    return &it->entries[size_t(number - it->firstLine)];
}

OutputLog::Line OutputLog::makeLine(const char *data, qint64 size, Stream stream, qint64 ts,
                                    qint64 cut) const
{
    Line l;
    l.text = QString::fromUtf8(data, size);
    l.stream = stream;
    l.timestampMs = ts;
    l.cutBytes = cut;
    if (cut > 0)
        l.text += QStringLiteral(" \u2026") + tr("[%1 bytes cut]").arg(cut);
    return l;
}

OutputLog::Line OutputLog::line(qint64 number) const
{
    const Block *b = nullptr;
    const Entry *e = entryFor(number, &b);
    if (!e)
        return {};
    return makeLine(b->data.get() + e->offset, e->length, Stream(e->stream),
                    m_epochMs + e->msSinceEpoch, e->cut ? m_cuts.value(number) : 0);
}

QList<OutputLog::Line> OutputLog::lines(qint64 from, qint64 count) const
{
    QList<Line> out;
    from = std::max(from, firstLine());
    const qint64 to = std::min(m_endLine, from + std::max<qint64>(count, 0));
    out.reserve(std::max<qint64>(to - from, 0));
    for (qint64 n = from; n < to; ++n)
        out.append(line(n));
    return out;
}

bool OutputLog::hasPartial(Stream stream) const
{
    const Partial &p = m_partial[stream];
    return p.active && (!p.bytes.isEmpty() || p.cut > 0);
}

OutputLog::Line OutputLog::partial(Stream stream) const
{
    const Partial &p = m_partial[stream];
    return makeLine(p.bytes.constData(), p.bytes.size(), stream, p.timestampMs, p.cut);
}

void OutputLog::appendSystem(const QString &text)
{
    flush();
    const QByteArray utf8 = text.toUtf8();
    ++m_revision;
    commit(System, utf8.constData(), std::min<qint64>(utf8.size(), m_limits.maxLineBytes), 0,
           QDateTime::currentMSecsSinceEpoch());
}

void OutputLog::appendEcho(const QByteArray &typed)
{
    if (m_partial[Stdout].active) {
        commitPartial(Stdout);
        ++m_revision;
    }
    append(Stdin, typed);
    if (m_partial[Stdin].active) { // a line sent without its newline still shows at once
        commitPartial(Stdin);
        ++m_revision;
    }
}

bool OutputLog::looksBinary() const
{
    return BinaryDetector::isBinary(m_rawHead);
}

void OutputLog::flush()
{
    for (int s = 0; s < StreamCount; ++s) {
        if (m_partial[s].active) {
            commitPartial(Stream(s));
            ++m_revision;
        }
    }
}

void OutputLog::clear()
{
    m_blocks.clear();
    m_cuts.clear();
    m_frontSkip = 0;
    m_retainedBytes = 0;
    m_rawHeadOffset += m_rawHead.size();
    m_rawHead.clear();
    ++m_revision;
}
