#include "batchedoutput.h"

namespace Switchboard {

BatchedOutput::BatchedOutput(FILE *file)
    : m_file(file)
{
    m_buffer.reserve(MaxBuffered + 4096);
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { flush(); });
}

BatchedOutput::~BatchedOutput()
{
    flush();
}

void BatchedOutput::writeLine(const QByteArray &line)
{
    m_buffer += line;
    m_buffer += '\n';
    if (m_buffer.size() >= MaxBuffered)
        flush();
    else if (!m_timer.isActive())
        m_timer.start();
}

void BatchedOutput::flush()
{
    m_timer.stop();
    if (m_buffer.isEmpty())
        return;
    std::fwrite(m_buffer.constData(), 1, size_t(m_buffer.size()), m_file);
    std::fflush(m_file);
    m_buffer.resize(0); // keeps the capacity
}

} // namespace Switchboard
