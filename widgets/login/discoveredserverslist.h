#pragma once
#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QListView;

namespace Switchboard {

// The servers found on the local network (a DiscoveredServersModel), live: a click picks one.
class DiscoveredServersList : public QWidget
{
    Q_OBJECT
public:
    explicit DiscoveredServersList(QAbstractItemModel *model, QWidget *parent = nullptr);
    QListView *view() const { return m_view; }

signals:
    void serverChosen(const QString &host, quint16 port);

private:
    void updateHint();

    QAbstractItemModel *m_model;
    QLabel *m_hint;
    QListView *m_view;
};

} // namespace Switchboard
