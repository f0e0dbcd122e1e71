#pragma once
#include <QByteArray>
#include <QTimer>

#include <cstdio>

namespace Switchboard {

// Lines for standard output (or another FILE), written with one write() per event-loop pass
// instead of one per line: a `listen` receiving thousands of messages a second spends its time
// on messages, not on system calls. Whatever waits is written when the current pass is done,
// when MaxBuffered bytes have gathered, on flush(), and on destruction, so a reader of the
// output never waits for a line longer than the pass that produced it.
class BatchedOutput
{
public:
    static constexpr qsizetype MaxBuffered = 64 * 1024;

    explicit BatchedOutput(FILE *file = stdout);
    ~BatchedOutput();
    BatchedOutput(const BatchedOutput &) = delete;
    BatchedOutput &operator=(const BatchedOutput &) = delete;

    // Appends `line` and a newline.
    void writeLine(const QByteArray &line);
    void flush();

private:
    FILE *m_file;
    QByteArray m_buffer;
    QTimer m_timer; // single shot, 0 ms: fires once the current event-loop pass is done
};

} // namespace Switchboard
