#pragma once
// The first Python snippet of a docs/PROTOCOL.md section, as printed there: tests run it as a
// stranger's client, so the document cannot drift from what the code accepts.

#include <QFile>
#include <QString>

namespace Switchboard::Test {

// heading: the start of the section's heading ("## 12. Discovery"); empty when not found.
inline QString protocolSnippet(const QString &heading)
{
    QFile doc(qEnvironmentVariable("SWITCHBOARD_SOURCE_DIR") + QStringLiteral("/docs/PROTOCOL.md"));
    if (!doc.open(QIODevice::ReadOnly))
        return QString();
    const QString text = QString::fromUtf8(doc.readAll());
    const qsizetype section = text.indexOf(heading);
    const QString fence = QStringLiteral("```python\n");
    const qsizetype start = section < 0 ? -1 : text.indexOf(fence, section);
    const qsizetype end = start < 0 ? -1 : text.indexOf(QStringLiteral("\n```"), start + fence.size());
    return end < 0 ? QString() : text.mid(start + fence.size(), end - start - fence.size()) + u'\n';
}

} // namespace Switchboard::Test
