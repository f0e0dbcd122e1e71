<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChatBot</name>
    <message>
        <source>Hello! I am %1. Ask me my name or the time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My name is %1, the Switchboard robot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I don&apos;t know what to say yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatStore</name>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot prepare the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliRunner</name>
    <message>
        <source>Switchboard command-line client.

Commands:
  ping [--count N]                 measure the round-trip time to the server
  register                         create the account --user (password as for login)
  send ROOM TEXT...                send each TEXT to ROOM (or to --to USER: send TEXT...)
  send --stdin ROOM                send one message per line read from standard input
  listen ROOM [--count N]          print each new message in ROOM as one JSON line
  upload FILE... --room ROOM | --to USER
  download ID [-o PATH]

The password comes from the environment variable SWITCHBOARD_PASSWORD, or from the first
line of standard input with --password-stdin. It never leaves this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server to connect to (default 127.0.0.1:5151).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name to log in as.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send: read messages from standard input, one per line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ping: how many pings (default 4); listen: exit after N messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up connecting or logging in after MS milliseconds (default 10000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ping, register, send, listen, upload or download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No command given; try --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;; try --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the user name with --user NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password: set SWITCHBOARD_PASSWORD or use --password-stdin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registered %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send needs a ROOM (or --to USER).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send needs the text to send (or --stdin).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listen needs a ROOM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login failed (%1): %2 (retry in %3 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login failed (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pong from %1: time=%2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 pings: min %2 ms, avg %3 ms, max %4 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Endpoint</name>
    <message>
        <source>Expected [IPv6]:PORT, got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put IPv6 addresses in brackets: [::1]:PORT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected HOST:PORT, got &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileCollector</name>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such file or folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FrameDecoder</name>
    <message>
        <source>The frame&apos;s length prefix is zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frame&apos;s header is longer than the limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frame&apos;s payload is larger than the limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frame&apos;s header is not valid UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frame&apos;s header is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frame&apos;s header is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frame&apos;s header has no &quot;type&quot; string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frame&apos;s &quot;size&quot; is not a non-negative integer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FrameDissector</name>
    <message>
        <source>Frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>incomplete: %n byte(s) of the 4-byte length prefix</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Length prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (header length, 4 bytes big-endian: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete: %1 of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>(incomplete)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PcapngReader</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Truncated block at offset %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Truncated section header at offset %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad byte-order magic at offset %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file does not start with a pcapng section header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad block length %1 at offset %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block lengths disagree at offset %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Truncated interface description at offset %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Truncated packet block at offset %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packet longer than its block at offset %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PcapngWriter</name>
    <message>
        <source>The capture file is not open for writing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the capture file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StreamAnalyzer</name>
    <message>
        <source>write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame No. %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame at offset %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 frames went out in one write (No. %2, %3 bytes) — the receiver may well read them together (sticky packets) and must split them using the length prefixes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 frames arrived in one read (No. %2, %3 bytes) — sticky packets: the receiver must split them using the length prefixes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One %1 (No. %2, %3 bytes) carried parts of %4 frames, %5 of them whole — sticky packets: frame boundaries fall inside the %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 bytes, was split across %3 %4 (No. %5): the receiver must wait for the rest before it can decode it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data was captured for this direction of the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: every %3 carried whole frames only, no frame was split — no sticky packets here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: %3 %4 carried more than one frame (sticky packets), %5 split across %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 frame was</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 frames were</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::AuthService</name>
    <message numerus="yes">
        <source>Too many failed logins. Try again in %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This server does not allow registration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already logged in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only SCRAM-SHA-256 is supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send auth.start first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::CaptureFileWriter</name>
    <message>
        <source>Cannot create the capture file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the capture file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::CaptureModel</name>
    <message>
        <source>chunk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>datagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  + %1 B payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 B, stream bytes %3–%4   %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>datagram of %1 B   %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No. %1, connection %2, %3
local %4:%5, peer %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(dropped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::ChatClient</name>
    <message>
        <source>The server sent a malformed frame (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected by the user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::ChatServer</name>
    <message>
        <source>The server is shutting down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: malformed frame (%2), disconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: refused, server full (%2 clients)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is full (%1 clients).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): kicked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a hello frame first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello was already received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown message type &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no common protocol version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server speaks protocol version %1 only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no hello within %2 ms, disconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hello received in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: silent for %2 s, disconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No frame received in time (send ping to keep alive).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::ChatService</name>
    <message>
        <source>Room names are 1 to 64 letters, digits, &apos;_&apos;, &apos;-&apos; or &apos;.&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not in room &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join room &quot;%1&quot; to read its history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History needs &quot;room&quot; or &quot;with&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message needs a &quot;text&quot; string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is longer than %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid room name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join room &quot;%1&quot; before sending to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no user &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message needs &quot;room&quot; or &quot;to&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::ChatTab</name>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting to send</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::ChatView</name>
    <message>
        <source>Join room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a room to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a user to chat privately.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 joined %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room name (created if it does not exist):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::ClientSession</name>
    <message>
        <source>The server&apos;s identity could not be verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is too long to send.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::Credentials</name>
    <message>
        <source>Unsupported credential scheme %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The salt must have %1 to %2 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The iteration count must be between %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>StoredKey and ServerKey must have %1 bytes each.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::DownloadDialog</name>
    <message>
        <source>Downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save into:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save downloads into</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::Downloader</name>
    <message>
        <source>File %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server started at an unexpected offset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent data out of order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received %1 of %2 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The downloaded data does not match the file&apos;s checksum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot replace %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move the download to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move the download into %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost; start the download again to resume it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::FramingLab</name>
    <message>
        <source>Number the frames (&quot;id&quot; counts up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send as one write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split at byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coalesce with the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nagle&apos;s algorithm (the OS may hold back and merge small writes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send held frames now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More header members as a JSON object, e.g. {&quot;room&quot;: &quot;lobby&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload text (optional; sets &quot;size&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first write carries bytes 0..K-1, the second the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it goes on the wire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>then wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>into one write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: connect to a server to use the lab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames go to %1 through the client&apos;s connection; watch the replies in Packets and Stream.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header is not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes on the wire: 4 (length prefix) + %2 (header) + %3 (payload).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First write: bytes 0–%1 (highlighted), then after %2 ms bytes %1–%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cut is inside the length prefix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cut is inside the JSON header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cut is inside the payload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This frame and the next %1 are held, then written together in one write (%2 held now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: the connection is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1 bytes in one write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent bytes 0–%1; the remaining %2 bytes follow in %3 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holding %1 of %2 frames.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1 frames (%2 bytes) in one write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nagle&apos;s algorithm is on: small writes may be merged by the OS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nagle&apos;s algorithm is off: every write is sent at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::HexView</name>
    <message>
        <source>No bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::InspectorWidget</name>
    <message>
        <source>All records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chunks (reads and writes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors and events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Datagrams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which kinds of record to list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame type, e.g. chat.send, or a prefix such as chat.*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← Incoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ Outgoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the peer address, e.g. 127.0.0.1 or :5151</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text in the type, peer, header JSON, chunk data or error message (not case-sensitive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop recording new traffic (what is captured stays)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget everything captured so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-scroll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export pcapng…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the capture for Wireshark (open it with resources/switchboard.lua)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framing lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dropped (oldest first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not recorded while paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filtering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exporting %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2, connection %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes as the OS %2 them, stream bytes %3–%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0–%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(1 frame)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1 frames)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whole frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start of the frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end of the frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>middle of the frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: bytes %2–%3 of this %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Datagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At stream offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only type “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pcapng capture (*.pcapng);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 packets to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::LoginPanel</name>
    <message>
        <source>Host a server on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat, send files and see what goes over the wire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address, e.g. 192.168.1.20</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a Switchboard server inside this program on 127.0.0.1, so you can chat at once and others on this computer can join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a user name and a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::MainWindow</name>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 created. Logging in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+J</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Switchboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Switchboard&lt;/b&gt; %1&lt;br&gt;Chat, send files and see what goes over the wire.&lt;br&gt;Protocol: length-prefixed JSON frames (docs/PROTOCOL.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server started on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating account %1 on %2:%3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1:%2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server: %1. Check the address and port, or host a server on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password. New here? Click Register.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts: this account is locked for %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Too many failed attempts: this account is locked for a while. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server speaks another protocol version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is full. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That user name is taken. Choose another, or click Log in if it is yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not allow registration. Ask its administrator for an account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid user name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switchboard — %1@%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online as %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost — reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::MessageInput</name>
    <message>
        <source>Type a message. Enter sends, Shift+Enter starts a new line.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::ScramClient</name>
    <message>
        <source>The user name is empty or invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client nonce contains characters SCRAM does not allow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login steps were called out of order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a malformed login message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server requires a login extension this client does not support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s nonce does not continue the client&apos;s nonce.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an invalid salt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asked for an iteration count outside the accepted range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The derived key has the wrong size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not prove that it knows the account; it may be an impostor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asked for %1 iterations; this client accepts %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the login (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::ScramServer</name>
    <message>
        <source>The login service is not configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login steps arrived out of order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login message is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel binding is not supported; use the GS2 header &quot;n,,&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in on behalf of another user is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login message requires an unsupported extension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name is not encoded correctly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client nonce contains characters SCRAM does not allow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The channel binding data does not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The nonce does not match the challenge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::ServerPanel</name>
    <message>
        <source>Kick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server is running in this program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Hosting on %1 — %n client(s) connected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>(not logged in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were disconnected by the server&apos;s host.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::ServerRuntime</name>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 logged in from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed login for %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new account: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an IP address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::StreamDiagram</name>
    <message>
        <source>Select a chunk or frame in the packet list to see how this connection&apos;s bytes were delivered and reassembled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No. %1 · %2 B · bytes %3–%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No. %1 · %2 · %3 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(continues)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⋯ %1 bytes not captured ⋯</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes handed to the OS (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads as the OS delivered them (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames in these writes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames reassembled from them (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::StreamHasher</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is shorter than expected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::StreamView</name>
    <message>
        <source>Incoming (reads)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing (writes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect the connection&apos;s records again (new traffic is not added automatically).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a note to select its record in the packet list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>several frames in one read or write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame split across reads or writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where a read or write ends inside a frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where a frame ends inside a read or write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection %1 with %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::Transfer</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transferring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::TransferList</name>
    <message numerus="yes">
        <source>%n of %1 file(s) done</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::TransferRow</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop this transfer and discard what was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue this transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again, continuing where the data stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold this transfer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::TransferService</name>
    <message>
        <source>&quot;fileSize&quot; must be a non-negative integer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give exactly one of &quot;room&quot; and &quot;to&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not in the room &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no user &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 resumes upload %2 (%3) at byte %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No upload %1 is in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 uploaded file %2 (%3, %4 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No upload %1 to cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file %1 you can download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offset must be between 0 and %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot read file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No download %1 to cancel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::UploadDialog</name>
    <message>
        <source>Upload files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop files or folders here, or add them with the buttons below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing in room %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending privately to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a room or a person to send files to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some files were skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose files to upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder to upload</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::UploadStore</name>
    <message>
        <source>Cannot create the directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot prepare the file tables: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File storage is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name is empty or too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file size is invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than the %1 bytes this server accepts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hash must be &quot;%1&quot; followed by 32 hex digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing %1 more bytes would exceed your quota of %2 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not have enough free disk space for this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot record the upload: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the upload file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s disk is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot write the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No upload %1 is in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upload has already ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected the chunk at offset %1, got %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More data than the announced %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received %1 of the announced %2 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot verify the upload: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data does not match the announced hash (got %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move the upload into place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot record the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::Uploader</name>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asked for an impossible offset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed or became unreadable during the upload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost; start the upload again to resume it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Switchboard::UserStore</name>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SQLite driver of QtSql (QSQLITE) is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the user database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot prepare the user database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name is longer than %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name must not contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name must not contain control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name must not contain &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name is not in Unicode normalization form C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user database is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; is taken (by &quot;%2&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add the user &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot update the user &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no user &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the user &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot store the server secret: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The iteration count must be between %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start a transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &quot;name|md5hex&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an MD5 digest (32 hexadecimal digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the imported users: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferCommands</name>
    <message>
        <source>upload: share the files in ROOM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>upload: send the files privately to USER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>download: save into this folder, or as this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: upload FILE... (--room ROOM | --to USER)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: download ID [-o PATH]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2%  %3 / %4  %5/s  %6 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  checking %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded %1 as file %2 (&quot;%3&quot;, %4 bytes%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, resumed at byte %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to upload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved file %1 as %2 (%3 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserAdmin</name>
    <message>
        <source>Usage: switchboard-server [--data DIR] user add NAME | list | del NAME | import FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the password on standard input, e.g.: echo secret | switchboard-server user add alice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>imported %n user(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Switchboard: chat, send files and see what goes over the wire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preselect hosting a server on this computer (127.0.0.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server to prefill, HOST:PORT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name to prefill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data directory of the embedded server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switchboard server: chat rooms, private messages and file transfer over a framed TCP protocol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on HOST:PORT (repeatable; port 0 picks a free port; [::1]:PORT for IPv6). Default 127.0.0.1:5151.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory for all server state (database, uploads). Default: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse clients beyond N connections (default 1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest frame header accepted, in bytes (default 65536).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest frame payload accepted, in bytes (default 16777216).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect clients that send no hello within MS milliseconds (default 10000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect clients silent for MS milliseconds; 0 never (default 90000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not let clients create accounts (use &quot;user add&quot; or &quot;user import&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the chat robot &quot;robot&quot; to the lobby.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages replayed to a client joining a room (default 50).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account administration instead of serving: user add NAME (password on stdin) | user list | user del NAME | user import FILE (tutorials&apos; userinfo: name|md5hex).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;; try --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A numeric option has an invalid value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shutting down.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
