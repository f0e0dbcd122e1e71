#pragma once
#include <QAbstractTableModel>
#include <QList>

namespace Switchboard {

// The connections the Proxy window's proxies carried, one row each, fed by ProxyThread's queued
// signals: added when opened, byte counts updated while open, how it ended once closed.
class ProxyConnectionModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Client, Target, BytesUp, BytesDown, State, ColumnCount };

    struct Row
    {
        quint64 key = 0;
        QString client;
        QString target;
        quint64 clientLeg = 0;
        quint64 targetLeg = 0;
        qint64 bytes[2] = { 0, 0 };
        QString state; // empty while open
    };

    explicit ProxyConnectionModel(QObject *parent = nullptr);

    void add(const Row &row);
    void progress(quint64 key, qint64 bytesUp, qint64 bytesDown);
    void closed(quint64 key, qint64 bytesUp, qint64 bytesDown, const QString &reason);
    const Row &rowAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    int indexOf(quint64 key) const;

    QList<Row> m_rows;
};

} // namespace Switchboard
