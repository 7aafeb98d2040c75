#include "net/BodyDecoder.h"

#include <zlib.h>

namespace {
constexpr int AutoGzipOrZlib = 15 + 32; // zlib detects the gzip or zlib wrapper itself
constexpr int RawDeflate = -15;         // some servers send "deflate" without the wrapper
} // namespace

BodyDecoder::BodyDecoder(const QByteArray &contentEncoding)
{
    const QByteArray coding = contentEncoding.trimmed().toLower();
    if (coding.isEmpty() || coding == "identity")
        return;
    if (coding == "gzip" || coding == "x-gzip")
        m_name = QStringLiteral("gzip");
    else if (coding == "deflate")
        m_name = QStringLiteral("deflate");
    else {
        m_warning = tr("body encoded as \"%1\": not checked")
                        .arg(QString::fromLatin1(coding.left(40)));
        return;
    }
    if (!init(AutoGzipOrZlib))
        m_error = tr("%1 body cannot be checked: zlib did not start").arg(m_name);
}

BodyDecoder::~BodyDecoder()
{
    if (m_stream)
        inflateEnd(m_stream.get());
}

bool BodyDecoder::init(int windowBits)
{
    if (m_stream)
        inflateEnd(m_stream.get());
    m_stream = std::make_unique<z_stream_s>();
    if (inflateInit2(m_stream.get(), windowBits) != Z_OK) {
        m_stream.reset();
        return false;
    }
    return true;
}

bool BodyDecoder::feed(const char *data, qint64 size)
{
    if (!m_stream || !m_error.isEmpty())
        return m_error.isEmpty();
    unsigned char out[64 * 1024]; // decoded bytes are counted, never kept
    z_stream_s *z = m_stream.get();
    z->next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
    z->avail_in = uInt(size);
    while (z->avail_in > 0) {
        if (m_ended) {
            // gzip allows several members one after the other; anything else after the end
            // of the stream is garbage.
            if (m_name != QLatin1String("gzip") || inflateReset(z) != Z_OK) {
                m_error = tr("%1 body has %2 bytes after the end of its stream")
                              .arg(m_name).arg(z->avail_in);
                return false;
            }
            m_ended = false;
        }
        const uLong inBefore = z->total_in;
        z->next_out = out;
        z->avail_out = sizeof out;
        const int rc = inflate(z, Z_NO_FLUSH);
        m_decoded += qint64(sizeof out - z->avail_out);
        if (rc == Z_STREAM_END) {
            m_ended = true;
            continue;
        }
        if (rc == Z_DATA_ERROR && m_name == QLatin1String("deflate") && !m_triedRaw
            && inBefore == 0 && m_decoded == 0) {
            m_triedRaw = true;
            const Bytef *start = reinterpret_cast<const Bytef *>(data);
            if (!init(RawDeflate))
                break;
            z = m_stream.get();
            z->next_in = const_cast<Bytef *>(start);
            z->avail_in = uInt(size);
            continue;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            const QString why = z->msg ? QString::fromLatin1(z->msg) : tr("zlib error %1").arg(rc);
            m_error = tr("%1 body corrupt: %2").arg(m_name, why);
            return false;
        }
        if (rc == Z_BUF_ERROR && z->avail_out > 0)
            break; // needs more input
    }
    return true;
}

QString BodyDecoder::finish() const
{
    if (!m_error.isEmpty())
        return m_error;
    if (m_stream && !m_ended)
        return tr("%1 body cut off before its end").arg(m_name);
    return {};
}
