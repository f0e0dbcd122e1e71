#pragma once
#include "net/protocol/messages.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Switchboard {

// Search in a conversation's history on the server (Ctrl+F in a chat tab): a line to type in,
// the matches newest first, "Older matches" while the server has more. The owner runs the
// search (searchRequested) and answers with showResults(); activating a match asks the tab to
// show that message (messageActivated).
class SearchBar : public QWidget
{
    Q_OBJECT
public:
    explicit SearchBar(QWidget *parent = nullptr);

    QLineEdit *edit() const { return m_edit; }
    QListWidget *results() const { return m_results; }
    QString text() const { return m_text; }
    // Opens the bar with the line focused (and its text selected for a new search).
    void open();

public slots:
    // A page of matches (oldest first, as the server sends them) for the current text.
    void showResults(const QString &text, const QList<Switchboard::ChatMessage> &messages, bool more);
    // A line under the search field: an error, or why a match cannot be shown.
    void showStatus(const QString &text);

signals:
    // before = 0: a new search; otherwise the next page, older than that message id.
    void searchRequested(const QString &text, qint64 before);
    void messageActivated(qint64 messageId);
    void closed();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void start();
    void close();

    QLineEdit *m_edit;
    QPushButton *m_older;
    QPushButton *m_close;
    QLabel *m_status;
    QListWidget *m_results;
    QString m_text;      // what the shown results match
    qint64 m_oldest = 0; // the oldest match shown: where "Older matches" continues
};

} // namespace Switchboard
