// The private-room widgets over a real server: the create-room dialog, and the members panel
// that shows a private room's access list with its owner and lets the owner remove members
// and hand the room over (offscreen).
#include "net/client/clientsession.h"
#include "testserver.h"
#include "widgets/chat/chattab.h"
#include "widgets/chat/chatview.h"
#include "widgets/chat/createroomdialog.h"
#include "widgets/chat/roommemberspanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QInputDialog>
#include <QTimer>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace Switchboard;

namespace {

bool logIn(ClientSession &session, quint16 port, const QString &user)
{
    QSignalSpy ok(&session, &ClientSession::loggedIn);
    session.setAutoReconnect(false);
    session.logIn(QStringLiteral("127.0.0.1"), port, user, QStringLiteral("pw"), true);
    return ok.wait(15000) || !ok.isEmpty();
}

QStringList rows(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out.append(list->item(i)->text());
    return out;
}

} // namespace

class tst_RoomMembers : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void createRoomDialog()
    {
        CreateRoomDialog dialog;
        auto *name = dialog.findChild<QLineEdit *>(QStringLiteral("roomName"));
        auto *isPrivate = dialog.findChild<QCheckBox *>(QStringLiteral("privateRoom"));
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(name && isPrivate && ok);
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(name, QStringLiteral("team a")); // the space is not allowed in a room name
        QCOMPARE(dialog.roomName(), QStringLiteral("teama"));
        QVERIFY(ok->isEnabled());
        QVERIFY(!dialog.isPrivate());
        isPrivate->setChecked(true);
        QVERIFY(dialog.isPrivate());
    }

    void membersPanelForOwner()
    {
        Test::TestServer server;
        QVERIFY(server.ok());
        ClientSession alice;
        ClientSession bob;
        ChatView view(&alice); // before the login: it follows the session from the start
        view.resize(900, 600);
        view.show();
        QVERIFY(logIn(alice, server.port(), QStringLiteral("alice")));
        QVERIFY(logIn(bob, server.port(), QStringLiteral("bob")));
        RoomMembersPanel *panel = view.membersPanel();
        auto *list = panel->findChild<QListWidget *>(QStringLiteral("roomMembers"));
        auto *remove = panel->findChild<QPushButton *>(QStringLiteral("removeMember"));
        auto *makeOwner = panel->findChild<QPushButton *>(QStringLiteral("makeOwner"));
        QVERIFY(list && remove && makeOwner);

        // A public room shows no panel.
        QTRY_VERIFY_WITH_TIMEOUT(view.tabForRoom(QStringLiteral("lobby"), false) != nullptr, 5000);
        view.tabs()->setCurrentWidget(view.tabForRoom(QStringLiteral("lobby")));
        QVERIFY(!panel->isVisible());

        QSignalSpy joined(&alice, &ClientSession::roomJoined);
        alice.createRoom(QStringLiteral("team"), true);
        QVERIFY(joined.wait(5000));
        view.tabs()->setCurrentWidget(view.tabForRoom(QStringLiteral("team")));
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(rows(list), QStringList{QStringLiteral("alice (owner)")}, 5000);

        alice.inviteToRoom(QStringLiteral("team"), QStringLiteral("bob"));
        QTRY_COMPARE_WITH_TIMEOUT(rows(list), (QStringList{QStringLiteral("alice (owner)"), QStringLiteral("bob")}), 5000);
        // The owner's buttons act on a member, never on the owner.
        list->setCurrentRow(0);
        QVERIFY(remove->isVisible());
        QVERIFY(!remove->isEnabled());
        list->setCurrentRow(1);
        QVERIFY(remove->isEnabled() && makeOwner->isEnabled());

        QSignalSpy removed(&bob, &ClientSession::removedFromRoom);
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rows(list), QStringList{QStringLiteral("alice (owner)")}, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 5000);

        // Handed over (through the session; the button asks first), alice sees bob marked and no buttons.
        alice.inviteToRoom(QStringLiteral("team"), QStringLiteral("bob"));
        QTRY_COMPARE_WITH_TIMEOUT(list->count(), 2, 5000);
        alice.transferOwnership(QStringLiteral("team"), QStringLiteral("bob"));
        QTRY_COMPARE_WITH_TIMEOUT(rows(list), (QStringList{QStringLiteral("alice"), QStringLiteral("bob (owner)")}), 5000);
        QVERIFY(!remove->isVisible());
        QVERIFY(!makeOwner->isVisible());
    }

    void inviteFromUserList()
    {
        Test::TestServer server;
        QVERIFY(server.ok());
        ClientSession alice;
        ClientSession bob;
        ChatView view(&alice);
        view.show();
        QVERIFY(logIn(alice, server.port(), QStringLiteral("alice")));
        QVERIFY(logIn(bob, server.port(), QStringLiteral("bob")));
        QSignalSpy joined(&alice, &ClientSession::roomJoined);
        alice.createRoom(QStringLiteral("team"), true);
        QVERIFY(joined.wait(5000));
        QCOMPARE(alice.privateRooms(), QStringList{QStringLiteral("team")});

        // "Invite to room…" offers alice's private rooms; choosing one invites bob, whose view opens it.
        ChatView bobView(&bob);
        bobView.show();
        QTimer answer;
        int offered = -1;
        connect(&answer, &QTimer::timeout, this, [&] {
            if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
                offered = int(dialog->comboBoxItems().size());
                dialog->setTextValue(QStringLiteral("team"));
                dialog->accept();
            }
        });
        answer.start(10);
        QSignalSpy invited(&bob, &ClientSession::invitedToRoom);
        view.askInvite(QStringLiteral("bob"));
        answer.stop();
        QCOMPARE(offered, 1);
        QTRY_COMPARE_WITH_TIMEOUT(invited.size(), 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(bobView.tabForRoom(QStringLiteral("team"), false) != nullptr, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(alice.accessList(QStringLiteral("team")),
                                  (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}), 5000);
    }
};

QTEST_MAIN(tst_RoomMembers)
#include "tst_roommembers.moc"
