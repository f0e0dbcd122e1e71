<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CliRunner</name>
    <message numerus="yes">
        <source>%n failed login attempt(s) since your last login, the last from %1 at %2</source>
        <translation>
            <numerusform>%n failed login attempt since your last login, the last from %1 at %2</numerusform>
            <numerusform>%n failed login attempts since your last login, the last from %1 at %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Login failed (%1): %2 (retry in %n s)</source>
        <translation>
            <numerusform>Login failed (%1): %2 (retry in %n s)</numerusform>
            <numerusform>Login failed (%1): %2 (retry in %n s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ping(s): min %1 ms, avg %2 ms, max %3 ms</source>
        <translation>
            <numerusform>%n ping: min %1 ms, avg %2 ms, max %3 ms</numerusform>
            <numerusform>%n pings: min %1 ms, avg %2 ms, max %3 ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClusterKick</name>
    <message numerus="yes">
        <source>kicked %1 on %n node(s)</source>
        <translation>
            <numerusform>kicked %1 on %n node</numerusform>
            <numerusform>kicked %1 on %n nodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FrameDissector</name>
    <message numerus="yes">
        <source>incomplete: %n byte(s) of the 4-byte length prefix</source>
        <translation>
            <numerusform>incomplete: %n byte of the 4-byte length prefix</numerusform>
            <numerusform>incomplete: %n bytes of the 4-byte length prefix</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FramedStream</name>
    <message numerus="yes">
        <source>%n bytes</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::CaptureFileWindow</name>
    <message numerus="yes">
        <source>%1 packets, %n conversation(s); pick one to see its messages.</source>
        <translation>
            <numerusform>%1 packets, %n conversation; pick one to see its messages.</numerusform>
            <numerusform>%1 packets, %n conversations; pick one to see its messages.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::CloseQuestion</name>
    <message numerus="yes">
        <source>This program hosts a server with %n connection(s) not logged in; they will be cut off.</source>
        <translation>
            <numerusform>This program hosts a server with %n connection not logged in; it will be cut off.</numerusform>
            <numerusform>This program hosts a server with %n connections not logged in; they will be cut off.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This program hosts a server and %n user(s) are connected: %1. They will be cut off.</source>
        <translation>
            <numerusform>This program hosts a server and %n user is connected: %1. They will be cut off.</numerusform>
            <numerusform>This program hosts a server and %n users are connected: %1. They will be cut off.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) have not finished: %1. They resume the next time you log in.</source>
        <translation>
            <numerusform>%n transfer has not finished: %1. It resumes the next time you log in.</numerusform>
            <numerusform>%n transfers have not finished: %1. They resume the next time you log in.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::FramedStreamView</name>
    <message numerus="yes">
        <source> + %n payload bytes</source>
        <translation>
            <numerusform> + %n payload byte</numerusform>
            <numerusform> + %n payload bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::FramingLab</name>
    <message numerus="yes">
        <source>Sent %Ln byte(s) in one write.</source>
        <translation>
            <numerusform>Sent %Ln byte in one write.</numerusform>
            <numerusform>Sent %Ln bytes in one write.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Holding %1 of %Ln frame(s).</source>
        <translation>
            <numerusform>Holding %1 of %Ln frame.</numerusform>
            <numerusform>Holding %1 of %Ln frames.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %Ln frame(s) (%1 bytes) in one write.</source>
        <translation>
            <numerusform>Sent %Ln frame (%1 bytes) in one write.</numerusform>
            <numerusform>Sent %Ln frames (%1 bytes) in one write.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::InspectorWidget</name>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln record</numerusform>
            <numerusform>%Ln records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln frame(s))</source>
        <translation>
            <numerusform>(%Ln frame)</numerusform>
            <numerusform>(%Ln frames)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln byte</numerusform>
            <numerusform>%Ln bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln packet(s) to %1</source>
        <translation>
            <numerusform>Exported %Ln packet to %1</numerusform>
            <numerusform>Exported %Ln packets to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::MainWindow</name>
    <message numerus="yes">
        <source>%n failed login attempt(s) since your last login, the last from %1 at %2</source>
        <translation>
            <numerusform>%n failed login attempt since your last login, the last from %1 at %2</numerusform>
            <numerusform>%n failed login attempts since your last login, the last from %1 at %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unsent message(s) are kept for %1 and will be sent when %1 logs in again.</source>
        <translation>
            <numerusform>%n unsent message is kept for %1 and will be sent when %1 logs in again.</numerusform>
            <numerusform>%n unsent messages are kept for %1 and will be sent when %1 logs in again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts: this account is locked for %n second(s).</source>
        <translation>
            <numerusform>Too many failed attempts: this account is locked for %n second.</numerusform>
            <numerusform>Too many failed attempts: this account is locked for %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many accounts were created from this address. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Too many accounts were created from this address. Try again in %n minute.</numerusform>
            <numerusform>Too many accounts were created from this address. Try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent</source>
        <translation>
            <numerusform>%n message waiting to be sent</numerusform>
            <numerusform>%n messages waiting to be sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::SearchBar</name>
    <message numerus="yes">
        <source>%n match(es) shown; older ones remain.</source>
        <translation>
            <numerusform>%n match shown; older ones remain.</numerusform>
            <numerusform>%n matches shown; older ones remain.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es).</source>
        <translation>
            <numerusform>%n match.</numerusform>
            <numerusform>%n matches.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::ServerPanel</name>
    <message numerus="yes">
        <source>Hosting on %1 — %n client(s) connected</source>
        <translation>
            <numerusform>Hosting on %1 — %n client connected</numerusform>
            <numerusform>Hosting on %1 — %n clients connected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::SocketLabWindow</name>
    <message numerus="yes">
        <source>Repeat finished after %n send(s).</source>
        <translation>
            <numerusform>Repeat finished after %n send.</numerusform>
            <numerusform>Repeat finished after %n sends.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent &quot;%1&quot; (%n byte(s)).</source>
        <translation>
            <numerusform>Sent &quot;%1&quot; (%n byte).</numerusform>
            <numerusform>Sent &quot;%1&quot; (%n bytes).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::TransferList</name>
    <message numerus="yes">
        <source>%n of %1 file(s) done</source>
        <translation>
            <numerusform>%n of %1 files done</numerusform>
            <numerusform>%n of %1 files done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::UdpRoom</name>
    <message numerus="yes">
        <source>%n earlier message(s) from %1 never arrived</source>
        <translation>
            <numerusform>%n earlier message from %1 never arrived</numerusform>
            <numerusform>%n earlier messages from %1 never arrived</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserAdmin</name>
    <message numerus="yes">
        <source>imported %n user(s)</source>
        <translation>
            <numerusform>imported %n user</numerusform>
            <numerusform>imported %n users</numerusform>
        </translation>
    </message>
</context>
</TS>
