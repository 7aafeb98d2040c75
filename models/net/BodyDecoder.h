#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>

struct z_stream_s;

// Checks a compressed HTTP body as it arrives. We ask for gzip and deflate ourselves (so Qt
// leaves the body alone) and inflate it here with zlib, counting the decoded bytes and
// keeping none: a body whose compressed stream is cut off or corrupt (a bad CRC, a bad
// length, a broken block) is a failure with a message that names the cause. Qt's own
// decoding takes a cut-off stream for a complete one.
class BodyDecoder final
{
    Q_DECLARE_TR_FUNCTIONS(BodyDecoder)
    Q_DISABLE_COPY_MOVE(BodyDecoder)
public:
    // contentEncoding is the response's Content-Encoding header ("" or "identity" for none).
    explicit BodyDecoder(const QByteArray &contentEncoding);
    ~BodyDecoder();

    bool decodes() const { return bool(m_stream); }
    // Feeds body bytes as received; false (and error() says why) when the stream is corrupt.
    bool feed(const char *data, qint64 size);
    qint64 decodedBytes() const { return m_decoded; }
    // At the end of the body: the stream must have ended. Empty when it did.
    QString finish() const;
    QString error() const { return m_error; }
    // Set for an encoding that is passed through unchecked (one we did not ask for).
    QString warning() const { return m_warning; }

private:
    bool init(int windowBits);

    std::unique_ptr<z_stream_s> m_stream;
    QString m_name; // "gzip" or "deflate", for messages
    QString m_error;
    QString m_warning;
    qint64 m_decoded = 0;
    bool m_ended = false;
    bool m_triedRaw = false;
};
