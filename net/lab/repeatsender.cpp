#include "repeatsender.h"

namespace Switchboard {

RepeatSender::RepeatSender(QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RepeatSender::fire);
}

void RepeatSender::start(int intervalMs, int count, std::function<bool()> send)
{
    m_timer.stop();
    m_send = std::move(send);
    m_count = qMax(0, count);
    m_sent = 0;
    m_timer.setInterval(qMax(1, intervalMs));
    m_timer.start();
    fire();
}

void RepeatSender::stop()
{
    if (!m_timer.isActive())
        return;
    m_timer.stop();
    emit finished(m_sent);
}

void RepeatSender::fire()
{
    if (!m_send || !m_send()) {
        stop();
        return;
    }
    ++m_sent;
    emit progress(m_sent, m_count);
    if (m_count > 0 && m_sent >= m_count)
        stop();
}

} // namespace Switchboard
