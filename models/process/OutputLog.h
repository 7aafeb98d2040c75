#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

#include <deque>
#include <memory>
#include <vector>

// A bounded log of one child's output. Raw bytes go in as they are read; lines come out.
//
// - Lines are split on LF; CR LF ends a line too, and a lone CR starts the line over (progress
//   bars), as a terminal shows it.
// - Bytes are kept as they came and decoded as UTF-8 only when a line is read: a character
//   split across two reads is joined because lines are assembled from bytes first, and bytes
//   that are not UTF-8 read as U+FFFD. Binary output is just bytes.
// - A line longer than maxLineBytes keeps its head (cut on a character boundary) and a marker
//   saying how much was cut.
// - At most maxRetainedLines lines and about maxRetainedBytes bytes are kept; older lines are
//   dropped. The byte counters count every byte received, whatever was dropped.
//
// Appending costs one memchr per line and a memcpy into a large block: no allocation per line.
// Readers ask for absolute line numbers in [firstLine(), endLine()).
class OutputLog
{
    Q_DECLARE_TR_FUNCTIONS(OutputLog)
public:
    // Stdin: what was typed into the child, echoed so that a transcript reads as it happened.
    enum Stream : quint8 { Stdout = 0, Stderr = 1, System = 2, Stdin = 3 };
    static constexpr int StreamCount = 4;
    // The first bytes of stdout are also kept as they came, for the hex view of binary output.
    static constexpr qint64 RawHeadBytes = 1024 * 1024;

    struct Limits
    {
        qint64 maxRetainedBytes = 16 * 1024 * 1024;
        qint64 maxRetainedLines = 200000;
        qint64 maxLineBytes = 64 * 1024;
    };

    struct Line
    {
        QString text;           // decoded; ends with a marker when bytes were cut
        Stream stream = Stdout;
        qint64 timestampMs = 0; // ms since the epoch when the line's first bytes arrived
        qint64 cutBytes = 0;    // bytes of this line not kept (line length cap)
    };

    OutputLog();
    explicit OutputLog(const Limits &limits);
    ~OutputLog();
    OutputLog(const OutputLog &) = delete;
    OutputLog &operator=(const OutputLog &) = delete;

    const Limits &limits() const { return m_limits; }

    void append(Stream stream, const char *data, qint64 size);
    void append(Stream stream, const QByteArray &data) { append(stream, data.constData(), data.size()); }
    // A line written by Runboard itself (process started, exited, ...): completes partial lines.
    void appendSystem(const QString &text);
    // Typed input, echoed: the child's unfinished line (a prompt) is completed first so that
    // the input follows it, as on a terminal.
    void appendEcho(const QByteArray &typed);
    // Completes the partial lines (the child ended without a final newline).
    void flush();
    // Drops every retained line; counters stay.
    void clear();

    qint64 firstLine() const
    {
        return m_blocks.empty() ? m_endLine : m_blocks.front().firstLine + m_frontSkip;
    }
    qint64 endLine() const { return m_endLine; }
    qint64 retainedLines() const { return m_endLine - firstLine(); }
    Line line(qint64 number) const;
    QList<Line> lines(qint64 from, qint64 count) const;

    // The incomplete last line of a stream, if any (a progress bar being drawn, a prompt).
    bool hasPartial(Stream stream) const;
    Line partial(Stream stream) const;

    qint64 bytesReceived(Stream stream) const { return m_bytes[stream]; }
    // The first RawHeadBytes of stdout exactly as received (cleared by clear() too).
    const QByteArray &rawStdoutHead() const { return m_rawHead; }
    qint64 rawStdoutHeadOffset() const { return m_rawHeadOffset; } // stdout offset of its first byte
    // The stdout received so far looks binary (NUL bytes, mostly not UTF-8): see BinaryDetector.
    bool looksBinary() const;
    qint64 droppedLines() const { return firstLine(); }
    qint64 cutBytes() const { return m_cutBytesTotal; }
    qint64 retainedBytes() const { return m_retainedBytes; }
    // Grows with every change, so that views can tell whether to repaint.
    quint64 revision() const { return m_revision; }

private:
    // 16 bytes a line. Cut byte counts are rare and live in m_cuts.
    struct Entry
    {
        quint32 offset;
        quint32 length;
        quint32 msSinceEpoch; // since m_epochMs
        quint8 stream;
        quint8 cut;
        quint16 reserved;
    };
    struct Block
    {
        std::unique_ptr<char[]> data;
        qint64 capacity = 0;
        qint64 used = 0;
        qint64 firstLine = 0;
        std::vector<Entry> entries;
    };
    struct Partial
    {
        QByteArray bytes;
        qint64 cut = 0;
        qint64 timestampMs = 0;
        bool active = false;     // a line has begun
        bool pendingCr = false;  // a CR was seen: the next text starts the line over
        bool full = false;       // the cap was reached: further bytes are only counted
    };

    void feedPartial(Partial &p, const char *data, qint64 size, qint64 now, bool mayHaveCr);
    void addToPartial(Partial &p, const char *data, qint64 size);
    void commit(Stream stream, const char *data, qint64 size, qint64 cut, qint64 timestampMs);
    void commitPartial(Stream stream);
    void enforceLimits();
    // Whole lines of data into the last block while they fit; returns where it stopped.
    const char *appendWholeLines(Stream stream, const char *data, const char *end, bool anyCr, quint32 ms);
    void dropForNewLine();
    const Entry *entryFor(qint64 number, const Block **block) const;
    Line makeLine(const char *data, qint64 size, Stream stream, qint64 ts, qint64 cut) const;

    Limits m_limits;
    qint64 m_epochMs = 0;
    QHash<qint64, qint64> m_cuts; // line number -> bytes cut from it
    std::deque<Block> m_blocks;
    qint64 m_frontSkip = 0; // entries of the front block already dropped
    qint64 m_endLine = 0;
    qint64 m_retainedBytes = 0;
    qint64 m_bytes[StreamCount] = {0, 0, 0, 0};
    QByteArray m_rawHead;
    qint64 m_rawHeadOffset = 0; // stdout bytes before m_rawHead (dropped by clear())
    qint64 m_cutBytesTotal = 0;
    quint64 m_revision = 0;
    Partial m_partial[StreamCount];
};
