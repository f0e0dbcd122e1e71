<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AutoReplier</name>
    <message>
        <source>Echo what arrives</source>
        <translation>回显收到的内容</translation>
    </message>
    <message>
        <source>Echo what arrives in upper case</source>
        <translation>把收到的内容转成大写后回显</translation>
    </message>
    <message>
        <source>Reply &quot;%1&quot; to anything</source>
        <translation>对任何内容都回复 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>When it contains %1 &quot;%2&quot;, reply &quot;%3&quot;</source>
        <translation>内容包含 %1 &quot;%2&quot; 时回复 &quot;%3&quot;</translation>
    </message>
    <message>
        <source>(off) %1</source>
        <translation>（已关闭）%1</translation>
    </message>
    <message>
        <source>Invalid regular expression &quot;%1&quot;: %2</source>
        <translation>无效的正则表达式 &quot;%1&quot;：%2</translation>
    </message>
</context>
<context>
    <name>CaptureFileReader</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>The file is too short to be a capture.</source>
        <translation>文件太短，不是抓包文件。</translation>
    </message>
    <message>
        <source>The file is neither a pcap nor a pcapng capture.</source>
        <translation>该文件既不是 pcap 也不是 pcapng 抓包文件。</translation>
    </message>
    <message>
        <source>Truncated packet header at offset %1.</source>
        <translation>偏移量 %1 处的数据包报头被截断。</translation>
    </message>
    <message>
        <source>Packet of %1 bytes at offset %2: the file is damaged.</source>
        <translation>偏移量 %2 处的数据包长 %1 字节：文件已损坏。</translation>
    </message>
    <message>
        <source>Truncated packet at offset %1.</source>
        <translation>偏移量 %1 处的数据包被截断。</translation>
    </message>
    <message>
        <source>Truncated block at offset %1.</source>
        <translation>偏移量 %1 处的块被截断。</translation>
    </message>
    <message>
        <source>Truncated section header at offset %1.</source>
        <translation>偏移量 %1 处的节头块被截断。</translation>
    </message>
    <message>
        <source>Bad byte-order magic at offset %1.</source>
        <translation>偏移量 %1 处的字节序魔数无效。</translation>
    </message>
    <message>
        <source>Bad block length %1 at offset %2.</source>
        <translation>偏移量 %2 处的块长度 %1 无效。</translation>
    </message>
    <message>
        <source>Block lengths disagree at offset %1.</source>
        <translation>偏移量 %1 处的块首尾长度不一致。</translation>
    </message>
    <message>
        <source>Truncated interface description at offset %1.</source>
        <translation>偏移量 %1 处的接口描述块被截断。</translation>
    </message>
    <message>
        <source>Truncated packet block at offset %1.</source>
        <translation>偏移量 %1 处的数据包块被截断。</translation>
    </message>
    <message>
        <source>Packet longer than its block at offset %1.</source>
        <translation>偏移量 %1 处的数据包长度超出了所在的块。</translation>
    </message>
    <message>
        <source>Truncated simple packet block at offset %1.</source>
        <translation>偏移量 %1 处的简单数据包块被截断。</translation>
    </message>
</context>
<context>
    <name>CaptureImport</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>ChatBot</name>
    <message>
        <source>Hello! I am %1. Ask me my name or the time.</source>
        <translation>你好！我是 %1。可以问我的名字或现在的时间。</translation>
    </message>
    <message>
        <source>My name is %1, the Switchboard robot.</source>
        <translation>我的名字是 %1，Switchboard 机器人。</translation>
    </message>
    <message>
        <source>It is %1.</source>
        <translation>现在是 %1。</translation>
    </message>
    <message>
        <source>I don&apos;t know what to say yet.</source>
        <translation>我还不知道该说什么。</translation>
    </message>
</context>
<context>
    <name>CliRunner</name>
    <message>
        <source>User name to log in as.</source>
        <translation>登录用的用户名。</translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation>从标准输入的第一行读取密码。</translation>
    </message>
    <message>
        <source>send: read messages from standard input, one per line.</source>
        <translation>send：从标准输入读取消息，每行一条。</translation>
    </message>
    <message>
        <source>ping: how many pings (default 4); listen: exit after N messages.</source>
        <translation>ping：发送几次 ping（默认 4）；listen：收到 N 条消息后退出。</translation>
    </message>
    <message>
        <source>Give up connecting or logging in after MS milliseconds (default 10000).</source>
        <translation>连接或登录超过 MS 毫秒后放弃（默认 10000）。</translation>
    </message>
    <message>
        <source>No command given; try --help.</source>
        <translation>未指定命令；请尝试 --help。</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>已断开连接：%1</translation>
    </message>
    <message>
        <source>Timed out.</source>
        <translation>超时。</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;; try --help.</source>
        <translation>未知命令“%1”；请尝试 --help。</translation>
    </message>
    <message>
        <source>Give the user name with --user NAME.</source>
        <translation>请用 --user NAME 指定用户名。</translation>
    </message>
    <message>
        <source>registered %1</source>
        <translation>已注册 %1</translation>
    </message>
    <message>
        <source>send needs a ROOM (or --to USER).</source>
        <translation>send 需要指定 ROOM（或 --to USER）。</translation>
    </message>
    <message>
        <source>send needs the text to send (or --stdin).</source>
        <translation>send 需要指定要发送的文本（或 --stdin）。</translation>
    </message>
    <message>
        <source>listen needs a ROOM.</source>
        <translation>listen 需要指定 ROOM。</translation>
    </message>
    <message>
        <source>Error (%1): %2</source>
        <translation>错误（%1）：%2</translation>
    </message>
    <message>
        <source>Login failed (%1): %2</source>
        <translation>登录失败（%1）：%2</translation>
    </message>
    <message>
        <source>Not sent (%1): %2</source>
        <translation>未发送（%1）：%2</translation>
    </message>
    <message>
        <source>pong from %1: time=%2 ms</source>
        <translation>来自 %1 的 pong：时间=%2 ms</translation>
    </message>
    <message>
        <source>Write this client&apos;s traffic to FILE as pcapng.</source>
        <translation>把本客户端的流量以 pcapng 格式写入 FILE。</translation>
    </message>
    <message>
        <source>Cannot connect to %1 (%2): %3</source>
        <translation>无法连接到 %1（%2）：%3</translation>
    </message>
    <message>
        <source>Connect without TLS, to a server started with --no-tls (teaching the raw protocol).</source>
        <translation>不使用 TLS 连接，用于以 --no-tls 启动的服务器（教学原始协议）。</translation>
    </message>
    <message>
        <source>Refuse servers not in the known-servers file (unless --fingerprint names them).</source>
        <translation>拒绝不在已知服务器文件中的服务器（除非 --fingerprint 指定了它们）。</translation>
    </message>
    <message>
        <source>Trust the server whose certificate has this fingerprint (repeatable).</source>
        <translation>信任证书具有此指纹的服务器（可重复）。</translation>
    </message>
    <message>
        <source>The known-servers file (default %1).</source>
        <translation>已知服务器文件（默认 %1）。</translation>
    </message>
    <message>
        <source>Not a fingerprint: %1 (expected SHA256: and 43 base64 characters).</source>
        <translation>不是指纹：%1（应为 SHA256: 加 43 个 base64 字符）。</translation>
    </message>
    <message>
        <source>New server %1: trusted on first use, certificate fingerprint %2 recorded in %3. Compare it with the one the server logs.</source>
        <translation>新服务器 %1：首次使用即信任，证书指纹 %2 已记录在 %3。请与服务器日志中的指纹比较。</translation>
    </message>
    <message numerus="yes">
        <source>%n failed login attempt(s) since your last login, the last from %1 at %2</source>
        <translation>
            <numerusform>自上次登录以来有 %n 次登录失败，最近一次来自 %1，时间 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Read the password from the first line of FILE.</source>
        <translation>从 FILE 的第一行读取密码。</translation>
    </message>
    <message>
        <source>Password: </source>
        <translation>密码： </translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>%1 的密码： </translation>
    </message>
    <message>
        <source>No password: set SWITCHBOARD_PASSWORD, or use --password-file FILE or --password-stdin.</source>
        <translation>没有密码：请设置 SWITCHBOARD_PASSWORD，或使用 --password-file FILE 或 --password-stdin。</translation>
    </message>
    <message>
        <source>send --stdin: messages sent ahead of their acknowledgement at most (default %1).</source>
        <translation>send --stdin：最多可在确认之前先发出的消息数（默认 %1）。</translation>
    </message>
    <message>
        <source>One JSON object per line: results on standard output, errors on standard error as {&quot;error&quot;: CODE, &quot;message&quot;: TEXT}.</source>
        <translation>每行一个 JSON 对象：结果写到标准输出，错误以 {&quot;error&quot;: CODE, &quot;message&quot;: TEXT} 写到标准错误。</translation>
    </message>
    <message>
        <source>ping, register, send, listen, upload, download, room, search, discover, raw, udp-room, decode or proxy.</source>
        <translation>ping、register、send、listen、upload、download、room、search、discover、raw、udp-room、decode 或 proxy。</translation>
    </message>
    <message>
        <source>Usage: search ROOM TEXT, or search --to USER TEXT.</source>
        <translation>用法：search ROOM TEXT，或 search --to USER TEXT。</translation>
    </message>
    <message numerus="yes">
        <source>Login failed (%1): %2 (retry in %n s)</source>
        <translation>
            <numerusform>登录失败（%1）：%2（%n 秒后重试）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ping(s): min %1 ms, avg %2 ms, max %3 ms</source>
        <translation>
            <numerusform>%n 次 ping：最小 %1 ms，平均 %2 ms，最大 %3 ms</numerusform>
        </translation>
    </message>
    <message>
        <source>Server to connect to (default 127.0.0.1:5151). Several nodes of one cluster: a:1,b:2 or the option repeated; they are tried in order.</source>
        <translation>要连接的服务器（默认 127.0.0.1:5151）。同一集群的多个节点：a:1,b:2 或重复此选项；按顺序尝试。</translation>
    </message>
    <message>
        <source>Now on %1</source>
        <translation>现在连接到 %1</translation>
    </message>
    <message>
        <source>Disconnected (%1): trying the next server</source>
        <translation>连接已断开（%1）：正在尝试下一个服务器</translation>
    </message>
    <message>
        <source>Listening to %1 (Ctrl+C stops)</source>
        <translation>正在收听 %1（Ctrl+C 停止）</translation>
    </message>
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
  room create NAME [--private]     create a room; a private one is yours to manage
  room invite NAME USER [--share-history]
  room remove NAME USER            take USER off a private room&apos;s access list
  room owner NAME USER             hand a private room over to USER
  room members NAME                list a room&apos;s members (the owner marked)
  search ROOM TEXT [--limit N] [--before ID]
                                   messages of ROOM (or --to USER) containing TEXT, newest first
  discover [--timeout MS]          print each server found on the LAN as one JSON line
  decode FILE [--framing NAME | --up-framing NAME --down-framing NAME] [--stream N]
         [--resync] [--json]
                                   list a pcap/pcapng capture&apos;s conversations or print one&apos;s
                                   messages (decode --help)
  proxy --listen HOST:PORT --to HOST:PORT [--split N] ...
                                   forward any TCP program&apos;s traffic, split or coalesced
                                   on demand (proxy --help)
  raw tcp|udp HOST:PORT ...        send to, or listen for, any TCP or UDP program (raw --help)
  udp-room ROOM [--send TEXT] [--stdin] [--listen] [--on IFACE] [--json]
                                   chat in a serverless UDP room (unauthenticated, unencrypted)

The password comes from the environment variable SWITCHBOARD_PASSWORD, from a file with
--password-file, or from the first line of standard input with --password-stdin (asked
for without echo at a terminal). It never leaves this computer.

Connections use TLS. A server seen for the first time is trusted and its certificate
fingerprint recorded (printed to standard error); a server whose certificate changed
is refused. Compare the fingerprint with the one the server logs at start.</source>
        <translation>Switchboard 命令行客户端。

命令：
  ping [--count N]                 测量到服务器的往返时间
  register                         创建账号 --user（密码与登录时相同）
  send ROOM TEXT...                把每个 TEXT 发送到 ROOM（或用 --to USER：send TEXT...）
  send --stdin ROOM                从标准输入每读一行发送一条消息
  listen ROOM [--count N]          把 ROOM 的每条新消息打印为一行 JSON
  upload FILE... --room ROOM | --to USER
  download ID [-o PATH]
  room create NAME [--private]     创建房间；私密房间由你管理
  room invite NAME USER [--share-history]
  room remove NAME USER            把 USER 从私密房间的访问名单中移除
  room owner NAME USER             把私密房间移交给 USER
  room members NAME                列出房间成员（标出房主）
  search ROOM TEXT [--limit N] [--before ID]
                                   ROOM（或 --to USER）中包含 TEXT 的消息，最新的在前
  discover [--timeout MS]          把局域网上找到的每台服务器打印为一行 JSON
  decode FILE [--framing NAME | --up-framing NAME --down-framing NAME] [--stream N]
         [--resync] [--json]
                                   列出 pcap/pcapng 抓包文件中的会话，或打印某个会话的
                                   消息（decode --help）
  proxy --listen HOST:PORT --to HOST:PORT [--split N] ...
                                   转发任意 TCP 程序的流量，可按需拆分
                                   或合并（proxy --help）
  raw tcp|udp HOST:PORT ...        向任意 TCP 或 UDP 程序发送，或监听它们（raw --help）
  udp-room ROOM [--send TEXT] [--stdin] [--listen] [--on IFACE] [--json]
                                   在无服务器的 UDP 房间中聊天（未认证、未加密）

密码取自环境变量 SWITCHBOARD_PASSWORD，或用 --password-file 从文件读取，
或用 --password-stdin 从标准输入的第一行读取（在终端上输入时不回显）。
密码绝不会离开这台计算机。

连接使用 TLS。首次见到的服务器会被信任，
并记录其证书指纹（打印到标准错误）；证书发生变化的服务器
会被拒绝。请把指纹与服务器启动时记录的指纹相比较。</translation>
    </message>
</context>
<context>
    <name>ClusterKick</name>
    <message>
        <source>Usage: switchboard-server --cluster redis://HOST:PORT kick NAME [REASON]</source>
        <translation>用法：switchboard-server --cluster redis://HOST:PORT kick NAME [REASON]</translation>
    </message>
    <message>
        <source>kick needs --cluster redis://HOST:PORT (the Redis of a running cluster)</source>
        <translation>kick 需要 --cluster redis://HOST:PORT（正在运行的集群所用的 Redis）</translation>
    </message>
    <message>
        <source>Redis at %1 did not answer; %2 was not kicked</source>
        <translation>%1 上的 Redis 没有应答；未能踢出 %2</translation>
    </message>
    <message>
        <source>no node is connected to %1: nobody to kick</source>
        <translation>没有节点连接到 %1：无人可踢</translation>
    </message>
    <message numerus="yes">
        <source>kicked %1 on %n node(s)</source>
        <translation>
            <numerusform>已在 %n 个节点上踢出 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommandWait</name>
    <message>
        <source>Disconnected: %1</source>
        <translation>已断开连接：%1</translation>
    </message>
    <message>
        <source>Timed out.</source>
        <translation>超时。</translation>
    </message>
    <message>
        <source>Refused (%1): %2</source>
        <translation>被拒绝（%1）：%2</translation>
    </message>
</context>
<context>
    <name>DecodeCommand</name>
    <message>
        <source>  %1 bytes not captured</source>
        <translation>  %1 字节未被抓取</translation>
    </message>
    <message>
        <source>  %1 bytes retransmitted</source>
        <translation>  %1 字节被重传</translation>
    </message>
    <message>
        <source>  %1 segments out of order</source>
        <translation>  %1 个报文段乱序</translation>
    </message>
    <message>
        <source>%1  %2  %3 ⇄ %4  %5 packets  %6 bytes →  %7 bytes ←%8</source>
        <translation>%1  %2  %3 ⇄ %4  %5 个数据包  %6 字节 →  %7 字节 ←%8</translation>
    </message>
    <message>
        <source>No TCP or UDP conversation in this capture (%1 packets).</source>
        <translation>此抓包文件中没有 TCP 或 UDP 会话（%1 个数据包）。</translation>
    </message>
    <message>
        <source>The conversation to print (its number in the list).</source>
        <translation>要打印的会话（它在列表中的编号）。</translation>
    </message>
    <message>
        <source>One JSON object per line.</source>
        <translation>每行一个 JSON 对象。</translation>
    </message>
    <message>
        <source>The capture file.</source>
        <translation>抓包文件。</translation>
    </message>
    <message>
        <source>decode needs exactly one capture file; try decode --help.</source>
        <translation>decode 只需要一个抓包文件；请参阅 decode --help。</translation>
    </message>
    <message>
        <source>--stream needs a conversation number.</source>
        <translation>--stream 需要一个会话编号。</translation>
    </message>
    <message>
        <source>There is no conversation %1 (%2 in this capture).</source>
        <translation>没有会话 %1（此抓包文件中有 %2 个）。</translation>
    </message>
    <message>
        <source>%1: the framing %2 does not fit at byte %3: %4</source>
        <translation>%1：分帧方式 %2 在第 %3 字节处不适用：%4</translation>
    </message>
    <message>
        <source>%1: the last %2 bytes (from byte %3) are an incomplete message.</source>
        <translation>%1：最后 %2 字节（从第 %3 字节起）是一条不完整的消息。</translation>
    </message>
    <message>
        <source>Conversation %1 (%2), %3 ⇄ %4, framing %5:</source>
        <translation>会话 %1（%2），%3 ⇄ %4，分帧方式 %5：</translation>
    </message>
    <message>
        <source>%1  %2  @%3  %4 bytes</source>
        <translation>%1  %2  @%3  %4 字节</translation>
    </message>
    <message>
        <source>  %1 bytes: %2</source>
        <translation>  %1 字节：%2</translation>
    </message>
    <message>
        <source>switchboard-cli decode FILE [--framing NAME | --up-framing NAME --down-framing NAME] [--resync]
                           [--stream N] [--json]

Reads a pcap or pcapng capture (tcpdump, Wireshark, Switchboard), reassembles each TCP stream
and UDP flow and lists the conversations; with --stream N prints the messages of conversation N
in both directions, cut under the framing. Up is client to server: the client is the side that
sent the SYN, or, when the handshake was not captured, the side that sent the first packet.

</source>
        <translation>switchboard-cli decode FILE [--framing NAME | --up-framing NAME --down-framing NAME] [--resync]
                           [--stream N] [--json]

读取 pcap 或 pcapng 抓包文件（tcpdump、Wireshark、Switchboard），重组每条 TCP 流
和 UDP 流并列出会话；使用 --stream N 时按所选分帧方式打印会话 N 两个方向的消息。
上行指客户端到服务器：客户端是发送 SYN 的一方；
若未抓到握手，则是先发送数据包的一方。

</translation>
    </message>
    <message>
        <source>How to cut both directions into messages (default raw).</source>
        <translation>如何把两个方向的数据流切分为消息（默认 raw）。</translation>
    </message>
    <message>
        <source>The framing of the client-to-server direction.</source>
        <translation>客户端到服务器方向的分帧方式。</translation>
    </message>
    <message>
        <source>The framing of the server-to-client direction.</source>
        <translation>服务器到客户端方向的分帧方式。</translation>
    </message>
    <message>
        <source>After a gap or bytes the framing does not fit, find message boundaries again (line/delim: after the next delimiter; v1, tutorial, len: where two whole messages follow one another) and report the bytes skipped.</source>
        <translation>遇到缺口或不符合分帧方式的字节后，重新寻找消息边界（line/delim：下一个分隔符之后；v1、tutorial、len：连续两条完整消息出现之处），并报告跳过的字节。</translation>
    </message>
    <message>
        <source>%1: %2 bytes at byte %3 were not captured.</source>
        <translation>%1：第 %3 字节处有 %2 字节未被抓到。</translation>
    </message>
    <message>
        <source>%1: %2 bytes at byte %3 were not captured; decoding stops there (--resync goes on after it).</source>
        <translation>%1：第 %3 字节处有 %2 字节未被抓到；解码在此停止（--resync 会在其后继续）。</translation>
    </message>
    <message>
        <source>%1: skipped %2 bytes at %3..%4, %5.</source>
        <translation>%1：跳过了 %3..%4 处的 %2 字节，%5。</translation>
    </message>
    <message>
        <source>%1 up, %2 down</source>
        <translation>上行 %1，下行 %2</translation>
    </message>
    <message>
        <source> (resync)</source>
        <translation> (重新同步)</translation>
    </message>
    <message>
        <source>IP fragments: %1 datagrams put back together, %2 given up (incomplete, too old or too large), %3 bytes sent twice.</source>
        <translation>IP 分片：%1 个数据报已重组，%2 个被放弃（不完整、过旧或过大），%3 字节重复发送。</translation>
    </message>
</context>
<context>
    <name>DiscoverCommand</name>
    <message>
        <source>discover: query on interface IFACE only (repeatable; default: every up interface).</source>
        <translation>discover：只在网络接口 IFACE 上查询（可重复；默认：所有已启用的接口）。</translation>
    </message>
    <message>
        <source>Cannot listen for servers on UDP port %1: %2</source>
        <translation>无法在 UDP 端口 %1 上监听服务器：%2</translation>
    </message>
</context>
<context>
    <name>Endpoint</name>
    <message>
        <source>Expected [IPv6]:PORT, got &quot;%1&quot;.</source>
        <translation>格式应为 [IPv6]:端口，实际为“%1”。</translation>
    </message>
    <message>
        <source>Put IPv6 addresses in brackets: [::1]:PORT.</source>
        <translation>IPv6 地址要放在方括号里：[::1]:端口。</translation>
    </message>
    <message>
        <source>Expected HOST:PORT, got &quot;%1&quot;.</source>
        <translation>格式应为 主机:端口，实际为“%1”。</translation>
    </message>
    <message>
        <source>No server address given.</source>
        <translation>未给出服务器地址。</translation>
    </message>
</context>
<context>
    <name>FileCollector</name>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>No such file or folder: %1</source>
        <translation>文件或文件夹不存在：%1</translation>
    </message>
</context>
<context>
    <name>FrameDecoder</name>
    <message>
        <source>The frame&apos;s length prefix is zero.</source>
        <translation>帧的长度前缀为零。</translation>
    </message>
    <message>
        <source>The frame&apos;s header is longer than the limit.</source>
        <translation>帧的报头长度超过上限。</translation>
    </message>
    <message>
        <source>The frame&apos;s payload is larger than the limit.</source>
        <translation>帧的载荷大小超过上限。</translation>
    </message>
    <message>
        <source>The frame&apos;s header is not valid UTF-8.</source>
        <translation>帧的报头不是有效的 UTF-8。</translation>
    </message>
    <message>
        <source>The frame&apos;s header is not valid JSON.</source>
        <translation>帧的报头不是有效的 JSON。</translation>
    </message>
    <message>
        <source>The frame&apos;s header is not a JSON object.</source>
        <translation>帧的报头不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The frame&apos;s header has no &quot;type&quot; string.</source>
        <translation>帧的报头缺少字符串字段 &quot;type&quot;。</translation>
    </message>
    <message>
        <source>The frame&apos;s &quot;size&quot; is not a non-negative integer.</source>
        <translation>帧的 &quot;size&quot; 不是非负整数。</translation>
    </message>
</context>
<context>
    <name>FrameDissector</name>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message numerus="yes">
        <source>incomplete: %n byte(s) of the 4-byte length prefix</source>
        <translation>
            <numerusform>不完整：4 字节长度前缀只收到 %n 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>Length prefix</source>
        <translation>长度前缀</translation>
    </message>
    <message>
        <source>%1 (header length, 4 bytes big-endian: %2)</source>
        <translation>%1（报头长度，4 字节大端序：%2）</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>报头</translation>
    </message>
    <message>
        <source>incomplete: %1 of %2 bytes</source>
        <translation>不完整：%1 / %2 字节</translation>
    </message>
    <message>
        <source>incomplete frame</source>
        <translation>不完整的帧</translation>
    </message>
    <message>
        <source>not a JSON object: %1</source>
        <translation>不是 JSON 对象：%1</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>%1 of %2 bytes</source>
        <translation>%1 / %2 字节</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>(incomplete)</source>
        <translation>（不完整）</translation>
    </message>
</context>
<context>
    <name>FramedStream</name>
    <message>
        <source>upload %1</source>
        <translation>上传 %1</translation>
    </message>
    <message>
        <source>JSON head</source>
        <translation>JSON 报头</translation>
    </message>
    <message numerus="yes">
        <source>%n bytes</source>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <source>The framing %1 does not fit at byte %2: %3.</source>
        <translation>分帧方式 %1 在第 %2 字节处不适用：%3。</translation>
    </message>
    <message>
        <source>The framing %1 does not fit at byte 0: %2.</source>
        <translation>分帧方式 %1 在第 0 字节处不匹配：%2。</translation>
    </message>
    <message>
        <source>Bytes %1 to %2 were not captured.</source>
        <translation>第 %1 到 %2 字节未被抓到。</translation>
    </message>
    <message>
        <source>Bytes from offset %1 on were not captured: message boundaries after it are unknown (resync finds them again).</source>
        <translation>从偏移量 %1 起的字节未被抓到：其后的消息边界未知（重新同步可再次找到）。</translation>
    </message>
    <message>
        <source>Skipped %1 bytes at %2..%3, %4.</source>
        <translation>跳过了 %2..%3 处的 %1 字节，%4。</translation>
    </message>
</context>
<context>
    <name>Framing</name>
    <message>
        <source>Framings:
  v1                      Switchboard: 4-byte big-endian length + JSON header + &quot;size&quot; bytes
  tutorial                struct.pack(&apos;i&apos;) (little-endian signed) + JSON head + &quot;filesize&quot; bytes
  len:N:be|le[:inclusive] an N-byte length prefix (N = 1, 2 or 4); inclusive: it counts itself
  line                    lines ending in \n
  delim:HEX               records ending in the bytes HEX (e.g. delim:0d0a)
  fixed:N                 records of N bytes
  raw                     every chunk as it arrived</source>
        <translation>分帧方式：
  v1                      Switchboard：4 字节大端长度 + JSON 报头 + &quot;size&quot; 字节
  tutorial                struct.pack(&apos;i&apos;)（小端有符号）+ JSON 报头 + &quot;filesize&quot; 字节
  len:N:be|le[:inclusive] N 字节的长度前缀（N = 1、2 或 4）；inclusive：长度包含前缀自身
  line                    以 \n 结尾的行
  delim:HEX               以字节 HEX 结尾的记录（例如 delim:0d0a）
  fixed:N                 每条 N 字节的记录
  raw                     按到达时的原样，每个数据块一条</translation>
    </message>
    <message>
        <source>delim:HEX needs an even number of hex digits, e.g. delim:0d0a.</source>
        <translation>delim:HEX 需要偶数个十六进制数字，例如 delim:0d0a。</translation>
    </message>
    <message>
        <source>fixed:N needs a record size from 1 to %1.</source>
        <translation>fixed:N 需要 1 到 %1 之间的记录大小。</translation>
    </message>
    <message>
        <source>len:N:be|le needs N = 1, 2 or 4.</source>
        <translation>len:N:be|le 要求 N = 1、2 或 4。</translation>
    </message>
    <message>
        <source>len:N:ORDER needs the byte order be or le.</source>
        <translation>len:N:ORDER 需要字节序 be 或 le。</translation>
    </message>
    <message>
        <source>len:N:ORDER:inclusive is the only fourth part.</source>
        <translation>第四部分只能是 len:N:ORDER:inclusive。</translation>
    </message>
    <message>
        <source>Unknown framing &quot;%1&quot;.</source>
        <translation>未知的分帧方式 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>a message of %1 bytes would start here: larger than any plausible message (%2 bytes at most); the framing does not fit</source>
        <translation>此处将开始一条 %1 字节的消息：超过任何合理消息的大小（最多 %2 字节）；该分帧方式不适用</translation>
    </message>
</context>
<context>
    <name>PayloadCodec</name>
    <message>
        <source>GBK is not available in this build of Qt (it needs ICU); use UTF-8 or hex.</source>
        <translation>此 Qt 版本不支持 GBK（需要 ICU）；请使用 UTF-8 或十六进制。</translation>
    </message>
    <message>
        <source>The text has characters GBK cannot encode.</source>
        <translation>文本中有 GBK 无法编码的字符。</translation>
    </message>
    <message>
        <source>Hex byte at character %1 has one digit only.</source>
        <translation>第 %1 个字符处的十六进制字节只有一位数字。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; at character %2 is not a hex digit.</source>
        <translation>第 %2 个字符处的 &quot;%1&quot; 不是十六进制数字。</translation>
    </message>
    <message>
        <source>Odd number of hex digits: the last byte has one digit only.</source>
        <translation>十六进制数字的个数为奇数：最后一个字节只有一位数字。</translation>
    </message>
    <message>
        <source>\x at character %1 needs two hex digits.</source>
        <translation>第 %1 个字符处的 \x 后面需要两位十六进制数字。</translation>
    </message>
</context>
<context>
    <name>PcapngReader</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Truncated block at offset %1.</source>
        <translation>偏移量 %1 处的块被截断。</translation>
    </message>
    <message>
        <source>Truncated section header at offset %1.</source>
        <translation>偏移量 %1 处的节头块被截断。</translation>
    </message>
    <message>
        <source>Bad byte-order magic at offset %1.</source>
        <translation>偏移量 %1 处的字节序魔数无效。</translation>
    </message>
    <message>
        <source>The file does not start with a pcapng section header.</source>
        <translation>文件开头不是 pcapng 节头块。</translation>
    </message>
    <message>
        <source>Bad block length %1 at offset %2.</source>
        <translation>偏移量 %2 处的块长度 %1 无效。</translation>
    </message>
    <message>
        <source>Block lengths disagree at offset %1.</source>
        <translation>偏移量 %1 处的块首尾长度不一致。</translation>
    </message>
    <message>
        <source>Truncated interface description at offset %1.</source>
        <translation>偏移量 %1 处的接口描述块被截断。</translation>
    </message>
    <message>
        <source>Truncated packet block at offset %1.</source>
        <translation>偏移量 %1 处的数据包块被截断。</translation>
    </message>
    <message>
        <source>Packet longer than its block at offset %1.</source>
        <translation>偏移量 %1 处的数据包长度超出了所在的块。</translation>
    </message>
    <message>
        <source>Truncated simple packet block at offset %1.</source>
        <translation>偏移量 %1 处的简单数据包块被截断。</translation>
    </message>
</context>
<context>
    <name>PcapngWriter</name>
    <message>
        <source>The capture file is not open for writing.</source>
        <translation>抓包文件未以写入方式打开。</translation>
    </message>
    <message>
        <source>Could not write the capture file: %1</source>
        <translation>无法写入抓包文件：%1</translation>
    </message>
</context>
<context>
    <name>ProxyCommand</name>
    <message>
        <source>cut every write into pieces of N bytes (or random sizes MIN to MAX)</source>
        <translation>把每次写入切成 N 字节的小块（或 MIN 到 MAX 之间的随机大小）</translation>
    </message>
    <message>
        <source>wait MS between pieces (default 1, so they arrive as separate reads)</source>
        <translation>小块之间等待 MS 毫秒（默认 1，使它们作为单独的读取到达）</translation>
    </message>
    <message>
        <source>send writes arriving within MS of the first as one</source>
        <translation>把在第一次写入后 MS 毫秒内到达的写入合并为一次发送</translation>
    </message>
    <message>
        <source>hold every byte MS milliseconds</source>
        <translation>每个字节延迟 MS 毫秒</translation>
    </message>
    <message>
        <source>throttle to BYTES per second</source>
        <translation>限速为每秒 BYTES 字节</translation>
    </message>
    <message>
        <source>close the connection after N bytes</source>
        <translation>传输 N 字节后关闭连接</translation>
    </message>
    <message>
        <source>Cannot resolve %1: %2</source>
        <translation>无法解析 %1：%2</translation>
    </message>
    <message>
        <source>--%1 needs N or MIN-MAX (bytes, at least 1), got &quot;%2&quot;.</source>
        <translation>--%1 需要 N 或 MIN-MAX（字节数，至少为 1），得到的是 &quot;%2&quot;。</translation>
    </message>
    <message>
        <source>--%1 needs a number, got &quot;%2&quot;.</source>
        <translation>--%1 需要一个数字，得到的是 &quot;%2&quot;。</translation>
    </message>
    <message>
        <source>split into %1-byte pieces</source>
        <translation>拆分成 %1 字节的小块</translation>
    </message>
    <message>
        <source>split into %1 to %2-byte pieces</source>
        <translation>拆分成 %1 到 %2 字节的小块</translation>
    </message>
    <message>
        <source> %1 ms apart</source>
        <translation> 每块间隔 %1 ms</translation>
    </message>
    <message>
        <source>coalesce within %1 ms</source>
        <translation>合并 %1 ms 内的写入</translation>
    </message>
    <message>
        <source>latency %1 ms</source>
        <translation>延迟 %1 ms</translation>
    </message>
    <message>
        <source>%1 bytes/s</source>
        <translation>%1 字节/秒</translation>
    </message>
    <message>
        <source>close after %1 bytes</source>
        <translation>%1 字节后关闭</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>switchboard-cli proxy --listen HOST:PORT --to HOST:PORT [knobs]

Forwards every connection made to --listen to --to, both directions byte for byte (a half-close
passed on in each direction on its own), shaped by the knobs below. Each knob applies to both
directions; prefix it with up- (client to target) or down- (target to client) for one:
--up-split 1 cuts what the client sends into single bytes.</source>
        <translation>switchboard-cli proxy --listen HOST:PORT --to HOST:PORT [knobs]

把连到 --listen 的每个连接转发到 --to，两个方向都逐字节转发（半关闭
在每个方向上单独传递），并按下面的调节选项改变传输方式。每个选项都作用于两个
方向；加上前缀 up-（客户端到目标）或 down-（目标到客户端）则只作用于一个方向：
--up-split 1 把客户端发送的内容切成单个字节。</translation>
    </message>
    <message>
        <source>Address to listen on (port 0: any free port).</source>
        <translation>要监听的地址（端口 0：任意空闲端口）。</translation>
    </message>
    <message>
        <source>The server to forward to.</source>
        <translation>要转发到的服务器。</translation>
    </message>
    <message>
        <source>Record every chunk read and written to FILE as pcapng.</source>
        <translation>把读取和写入的每个数据块以 pcapng 格式记录到 FILE。</translation>
    </message>
    <message>
        <source>Exit after N connections have ended.</source>
        <translation>N 个连接结束后退出。</translation>
    </message>
    <message>
        <source>%1, %2 only</source>
        <translation>%1，仅限 %2 方向</translation>
    </message>
    <message>
        <source>proxy needs --listen HOST:PORT and --to HOST:PORT; try proxy --help.</source>
        <translation>proxy 需要 --listen HOST:PORT 和 --to HOST:PORT；请参阅 proxy --help。</translation>
    </message>
    <message>
        <source>listening on %1, forwarding to %2; up: %3; down: %4</source>
        <translation>正在监听 %1，转发到 %2；上行：%3；下行：%4</translation>
    </message>
    <message>
        <source>%1: up %2 bytes (%3 reads from the client, %4 writes to the target), down %5 bytes (%6 reads from the target, %7 writes to the client); %8</source>
        <translation>%1：上行 %2 字节（从客户端读取 %3 次，向目标写入 %4 次），下行 %5 字节（从目标读取 %6 次，向客户端写入 %7 次）；%8</translation>
    </message>
</context>
<context>
    <name>RawCommand</name>
    <message>
        <source>Send raw bytes to any TCP or UDP program and print what comes back, or (--listen) serve and print what arrives.

Examples:
  switchboard-cli raw tcp 127.0.0.1:7000 --text &apos;hello\n&apos;
  switchboard-cli raw udp 127.0.0.1:7001 --hex &apos;48 65 6c 6c 6f&apos; --hex-out
  switchboard-cli raw tcp 127.0.0.1:7000 --listen --echo --wait 10000</source>
        <translation>向任意 TCP 或 UDP 程序发送原始字节并打印返回的内容，或者（--listen）提供服务并打印收到的内容。

示例：
  switchboard-cli raw tcp 127.0.0.1:7000 --text &apos;hello\n&apos;
  switchboard-cli raw udp 127.0.0.1:7001 --hex &apos;48 65 6c 6c 6f&apos; --hex-out
  switchboard-cli raw tcp 127.0.0.1:7000 --listen --echo --wait 10000</translation>
    </message>
    <message>
        <source>Send these bytes, given in hex (&quot;48 65 6c&quot; or &quot;48656c&quot;).</source>
        <translation>发送这些字节，以十六进制给出（&quot;48 65 6c&quot; 或 &quot;48656c&quot;）。</translation>
    </message>
    <message>
        <source>Send this text (escapes \n \r \t \\ \xHH \0 are expanded).</source>
        <translation>发送这段文本（会展开转义 \n \r \t \\ \xHH \0）。</translation>
    </message>
    <message>
        <source>Send what standard input holds, byte for byte.</source>
        <translation>逐字节发送标准输入的内容。</translation>
    </message>
    <message>
        <source>Serve (TCP) or bind (UDP) HOST:PORT and print what arrives; a payload goes to each TCP client as it connects.</source>
        <translation>在 HOST:PORT 上提供服务（TCP）或绑定（UDP），并打印收到的内容；每个 TCP 客户端连接时会收到载荷。</translation>
    </message>
    <message>
        <source>With --listen: send back whatever arrives.</source>
        <translation>与 --listen 一起使用：把收到的内容原样发回。</translation>
    </message>
    <message>
        <source>Text encoding: utf8 (default) or gbk.</source>
        <translation>文本编码：utf8（默认）或 gbk。</translation>
    </message>
    <message>
        <source>Exit once nothing has arrived for MS milliseconds (default %1; with --listen 0, which waits for ever).</source>
        <translation>MS 毫秒内没有收到任何内容就退出（默认 %1；使用 --listen 时为 0，即一直等待）。</translation>
    </message>
    <message>
        <source>Print what arrives in hex even when it is text.</source>
        <translation>即使收到的是文本也以十六进制打印。</translation>
    </message>
    <message>
        <source>Print one JSON object per chunk or datagram (time, dir, peer, size, hex, text).</source>
        <translation>每个数据块或数据报打印一个 JSON 对象（time、dir、peer、size、hex、text）。</translation>
    </message>
    <message>
        <source>The command.</source>
        <translation>命令。</translation>
    </message>
    <message>
        <source>tcp or udp.</source>
        <translation>tcp 或 udp。</translation>
    </message>
    <message>
        <source>HOST:PORT to send to, or to listen on.</source>
        <translation>要发送到或要监听的 HOST:PORT。</translation>
    </message>
    <message>
        <source>Usage: raw tcp|udp HOST:PORT [--hex HEX | --text TEXT | --stdin] [--listen]; try raw --help.</source>
        <translation>用法：raw tcp|udp HOST:PORT [--hex HEX | --text TEXT | --stdin] [--listen]；请参阅 raw --help。</translation>
    </message>
    <message>
        <source>Unknown encoding &quot;%1&quot;: use utf8 or gbk.</source>
        <translation>未知的编码 &quot;%1&quot;：请使用 utf8 或 gbk。</translation>
    </message>
    <message>
        <source>Give one of --hex, --text and --stdin.</source>
        <translation>请给出 --hex、--text 和 --stdin 中的一个。</translation>
    </message>
    <message>
        <source>--echo needs --listen.</source>
        <translation>--echo 需要 --listen。</translation>
    </message>
    <message>
        <source>Cannot read standard input: %1</source>
        <translation>无法读取标准输入：%1</translation>
    </message>
    <message>
        <source>A UDP client needs something to send: --hex, --text or --stdin.</source>
        <translation>UDP 客户端需要要发送的内容：--hex、--text 或 --stdin。</translation>
    </message>
    <message>
        <source>--wait takes a number of milliseconds.</source>
        <translation>--wait 的值必须是毫秒数。</translation>
    </message>
    <message>
        <source>--listen needs an IP address, not &quot;%1&quot;.</source>
        <translation>--listen 需要一个 IP 地址，而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>Cannot bind %1: %2</source>
        <translation>无法绑定 %1：%2</translation>
    </message>
    <message>
        <source>Bound to %1</source>
        <translation>已绑定到 %1</translation>
    </message>
    <message>
        <source>Cannot resolve %1: %2</source>
        <translation>无法解析 %1：%2</translation>
    </message>
    <message>
        <source>Cannot send to %1: %2</source>
        <translation>无法发送到 %1：%2</translation>
    </message>
    <message>
        <source>%1 connected</source>
        <translation>%1 已连接</translation>
    </message>
    <message>
        <source>%1 disconnected</source>
        <translation>%1 已断开</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>无法监听 %1：%2</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>Timed out connecting to %1.</source>
        <translation>连接 %1 超时。</translation>
    </message>
</context>
<context>
    <name>RoomCommands</name>
    <message>
        <source>room create: a private room (you own it).</source>
        <translation>room create：私密房间（归你所有）。</translation>
    </message>
    <message>
        <source>room invite: let USER read what was said before (owner only).</source>
        <translation>room invite：让 USER 阅读之前的聊天记录（仅房主）。</translation>
    </message>
    <message>
        <source>Usage: room create NAME [--private] | room invite NAME USER [--share-history] | room remove NAME USER | room owner NAME USER | room members NAME</source>
        <translation>用法：room create NAME [--private] | room invite NAME USER [--share-history] | room remove NAME USER | room owner NAME USER | room members NAME</translation>
    </message>
    <message>
        <source>created %1</source>
        <translation>已创建 %1</translation>
    </message>
    <message>
        <source>%1 (owner)</source>
        <translation>%1（房主）</translation>
    </message>
    <message>
        <source>%1 %2 %3</source>
        <translation>%1 %2 %3</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
</context>
<context>
    <name>SearchCommand</name>
    <message>
        <source>search: at most N matches (default 50).</source>
        <translation>search：最多 N 条匹配（默认 50）。</translation>
    </message>
    <message>
        <source>search: only messages older than message ID.</source>
        <translation>search：只查找比消息 ID 更早的消息。</translation>
    </message>
    <message>
        <source>[%1] %2: %3</source>
        <translation>[%1] %2：%3</translation>
    </message>
    <message>
        <source>(older matches remain: --before %1)</source>
        <translation>（还有更早的匹配：--before %1）</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
</context>
<context>
    <name>StreamAnalyzer</name>
    <message>
        <source>write</source>
        <translation>次写入</translation>
    </message>
    <message>
        <source>writes</source>
        <translation>次写入</translation>
    </message>
    <message>
        <source>read</source>
        <translation>次读取</translation>
    </message>
    <message>
        <source>reads</source>
        <translation>次读取</translation>
    </message>
    <message>
        <source>unknown type</source>
        <translation>未知类型</translation>
    </message>
    <message>
        <source>frame No. %1 (%2)</source>
        <translation>第 %1 号帧（%2）</translation>
    </message>
    <message>
        <source>frame at offset %1 (%2)</source>
        <translation>偏移量 %1 处的帧（%2）</translation>
    </message>
    <message>
        <source>%1 frames went out in one write (No. %2, %3 bytes) — the receiver may well read them together (sticky packets) and must split them using the length prefixes.</source>
        <translation>%1 个帧在一次写入中发出（序号 %2，%3 字节）——接收方很可能一次就把它们一起读到（粘包），必须依据长度前缀把它们拆开。</translation>
    </message>
    <message>
        <source>%1 frames arrived in one read (No. %2, %3 bytes) — sticky packets: the receiver must split them using the length prefixes.</source>
        <translation>%1 个帧在一次读取中到达（序号 %2，%3 字节）——粘包：接收方必须依据长度前缀把它们拆开。</translation>
    </message>
    <message>
        <source>One %1 (No. %2, %3 bytes) carried parts of %4 frames, %5 of them whole — sticky packets: frame boundaries fall inside the %1.</source>
        <translation>一%1（序号 %2，%3 字节）携带了 %4 个帧的数据，其中 %5 个是完整的——粘包：帧边界落在这%1的内部。</translation>
    </message>
    <message>
        <source>%1, %2 bytes, was split across %3 %4 (No. %5): the receiver must wait for the rest before it can decode it.</source>
        <translation>%1共 %2 字节，被拆分到 %3 %4中（序号 %5）：接收方必须等剩余部分到达后才能解码。</translation>
    </message>
    <message>
        <source>1 frame</source>
        <translation>1 个帧</translation>
    </message>
    <message>
        <source>%1 frames</source>
        <translation>%1 个帧</translation>
    </message>
    <message>
        <source>No data was captured for this direction of the connection.</source>
        <translation>该连接的这个方向没有捕获到数据。</translation>
    </message>
    <message>
        <source>%1, %2: every %3 carried whole frames only, no frame was split — no sticky packets here.</source>
        <translation>%1，%2：每%3都只携带完整的帧，没有帧被拆分——这里没有粘包。</translation>
    </message>
    <message>
        <source>%1, %2: %3 %4 carried more than one frame (sticky packets), %5 split across %6.</source>
        <translation>%1，%2：%3 %4携带了不止一个帧（粘包），%5被拆分到多%6中。</translation>
    </message>
    <message>
        <source>1 frame was</source>
        <translation>1 个帧</translation>
    </message>
    <message>
        <source>%1 frames were</source>
        <translation>%1 个帧</translation>
    </message>
</context>
<context>
    <name>StreamDecoder</name>
    <message>
        <source>an incomplete message cut off by the gap</source>
        <translation>一条被缺口截断的不完整消息</translation>
    </message>
    <message>
        <source>after the gap at byte %1</source>
        <translation>位于第 %1 字节处的缺口之后</translation>
    </message>
    <message>
        <source>where the framing did not fit (byte %1)</source>
        <translation>分帧方式不匹配之处（第 %1 字节）</translation>
    </message>
    <message>
        <source>(no message boundary found before the end)</source>
        <translation>（直到结尾都未找到消息边界）</translation>
    </message>
</context>
<context>
    <name>Switchboard::CaptureFileWindow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Capture file</source>
        <translation>抓包文件</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Bytes A→B</source>
        <translation>字节 A→B</translation>
    </message>
    <message>
        <source>Bytes B→A</source>
        <translation>字节 B→A</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Capture file %1</source>
        <translation>抓包文件 %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Reading conversation %1…</source>
        <translation>正在读取会话 %1…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Read with an error: %1</source>
        <translation>读取时出错：%1</translation>
    </message>
    <message>
        <source>%1 bytes not captured</source>
        <translation>%1 字节未被抓取</translation>
    </message>
    <message>
        <source>%1 bytes retransmitted</source>
        <translation>%1 字节被重传</translation>
    </message>
    <message>
        <source>%1 segments out of order</source>
        <translation>%1 个报文段乱序</translation>
    </message>
    <message numerus="yes">
        <source>%1 packets, %n conversation(s); pick one to see its messages.</source>
        <translation>
            <numerusform>%1 个数据包，%n 个会话；选择一个即可查看其消息。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Conversation %1: %2 ⇄ %3</source>
        <translation>会话 %1：%2 ⇄ %3</translation>
    </message>
    <message>
        <source>Conversations in the capture</source>
        <translation>抓包中的会话</translation>
    </message>
    <message>
        <source>Reading the capture</source>
        <translation>正在读取抓包文件</translation>
    </message>
    <message>
        <source>IP fragments: %1 datagrams put back together, %2 given up.</source>
        <translation>IP 分片：%1 个数据报已重组，%2 个被放弃。</translation>
    </message>
</context>
<context>
    <name>Switchboard::CaptureFileWriter</name>
    <message>
        <source>Cannot create the capture file %1: %2</source>
        <translation>无法创建抓包文件 %1：%2</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>Could not write the capture file: %1</source>
        <translation>无法写入抓包文件：%1</translation>
    </message>
</context>
<context>
    <name>Switchboard::CaptureModel</name>
    <message>
        <source>chunk</source>
        <translation>数据块</translation>
    </message>
    <message>
        <source>frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>datagram</source>
        <translation>数据报</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>→ out</source>
        <translation>→ 发出</translation>
    </message>
    <message>
        <source>← in</source>
        <translation>← 收到</translation>
    </message>
    <message>
        <source>  + %1 B payload</source>
        <translation>  + %1 B 载荷</translation>
    </message>
    <message>
        <source>%1 of %2 B, stream bytes %3–%4   %5</source>
        <translation>%1 %2 B，流字节 %3–%4   %5</translation>
    </message>
    <message>
        <source>write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>datagram of %1 B   %2</source>
        <translation>数据报 %1 B   %2</translation>
    </message>
    <message>
        <source>No. %1, connection %2, %3
local %4:%5, peer %6</source>
        <translation>序号 %1，连接 %2，%3
本地 %4:%5，对端 %6</translation>
    </message>
    <message>
        <source>(dropped)</source>
        <translation>（已丢弃）</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>Switchboard::ChatClient</name>
    <message>
        <source>The server sent a malformed frame (%1): %2</source>
        <translation>服务器发来了格式错误的帧（%1）：%2</translation>
    </message>
    <message>
        <source>Disconnected by the user.</source>
        <translation>用户主动断开了连接。</translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation>服务器关闭了连接。</translation>
    </message>
    <message>
        <source>The server did not accept the connection within %1 s.</source>
        <translation>服务器在 %1 秒内未接受连接。</translation>
    </message>
    <message>
        <source>No answer from a Switchboard server within %1 s: is this the right port?%2</source>
        <translation>%1 秒内没有收到 Switchboard 服务器的应答：端口是否正确？%2</translation>
    </message>
    <message>
        <source>This is not a Switchboard server.%1</source>
        <translation>这不是 Switchboard 服务器。%1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The server did not answer with a Switchboard hello.%1</source>
        <translation>服务器没有以 Switchboard 的 hello 应答。%1</translation>
    </message>
    <message>
        <source>It sent: &quot;%1&quot;</source>
        <translation>它发送了：“%1”</translation>
    </message>
    <message>
        <source>The server closed the connection without a Switchboard hello.%1</source>
        <translation>服务器未发送 Switchboard 的 hello 就关闭了连接。%1</translation>
    </message>
    <message>
        <source>No TLS handshake within %1 s: does this server use TLS (not --no-tls), and is this the right port?</source>
        <translation>%1 秒内未完成 TLS 握手：该服务器是否使用 TLS（不是 --no-tls），端口是否正确？</translation>
    </message>
    <message>
        <source>The TLS handshake failed (%1). Does this server use TLS? A server started with --no-tls does not; connect unencrypted to reach it.</source>
        <translation>TLS 握手失败（%1）。该服务器使用 TLS 吗？以 --no-tls 启动的服务器不使用；请以不加密方式连接它。</translation>
    </message>
    <message>
        <source>The server presented no certificate.</source>
        <translation>服务器没有出示证书。</translation>
    </message>
    <message>
        <source>%1 is not a known server and unknown servers are refused (--strict-tls). Its certificate fingerprint is %2; if the server&apos;s operator confirms it, connect with --fingerprint %2.</source>
        <translation>%1 不是已知服务器，未知服务器会被拒绝（--strict-tls）。它的证书指纹是 %2；如果服务器管理员确认无误，请用 --fingerprint %2 连接。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate (%1) was not trusted.</source>
        <translation>服务器的证书（%1）未被信任。</translation>
    </message>
    <message>
        <source>If the server uses TLS (the default), connect with encryption on.</source>
        <translation>如果服务器使用 TLS（默认），请开启加密连接。</translation>
    </message>
</context>
<context>
    <name>Switchboard::ChatTab</name>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>附件…</translation>
    </message>
    <message>
        <source>Send files to this conversation (Ctrl+U), or drop them on the window.</source>
        <translation>向此会话发送文件（Ctrl+U），或把文件拖到窗口上。</translation>
    </message>
    <message>
        <source>Message to %1. Enter sends, Shift+Enter starts a new line.</source>
        <translation>发给 %1 的消息。Enter 发送，Shift+Enter 换行。</translation>
    </message>
    <message>
        <source>Messages in %1</source>
        <translation>%1 中的消息</translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation>发送消息（Enter）</translation>
    </message>
    <message>
        <source>That message is older than the ones loaded: scroll up in the conversation to load it.</source>
        <translation>该消息早于已加载的消息：请在会话中向上滚动以加载它。</translation>
    </message>
</context>
<context>
    <name>Switchboard::ChatView</name>
    <message>
        <source>Join room…</source>
        <translation>加入房间…</translation>
    </message>
    <message>
        <source>Double-click a room to open it.</source>
        <translation>双击房间即可打开。</translation>
    </message>
    <message>
        <source>%1 joined %2</source>
        <translation>%1 加入了 %2</translation>
    </message>
    <message>
        <source>%1 left %2</source>
        <translation>%1 离开了 %2</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1（你）</translation>
    </message>
    <message>
        <source>Join room</source>
        <translation>加入房间</translation>
    </message>
    <message>
        <source>Room name (created if it does not exist):</source>
        <translation>房间名（不存在时自动创建）：</translation>
    </message>
    <message>
        <source>Create room…</source>
        <translation>创建房间…</translation>
    </message>
    <message>
        <source>Double-click a user to chat privately; right-click to invite to a private room.</source>
        <translation>双击用户可私聊；右键可邀请其加入私密房间。</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>邀请</translation>
    </message>
    <message>
        <source>%1 invited you to the private room %2.</source>
        <translation>%1 邀请你加入私密房间 %2。</translation>
    </message>
    <message>
        <source>You left the private room %1.</source>
        <translation>你已离开私密房间 %1。</translation>
    </message>
    <message>
        <source>%1 removed you from the private room %2.</source>
        <translation>%1 已把你移出私密房间 %2。</translation>
    </message>
    <message>
        <source># %1  (%2, private)</source>
        <translation># %1  （%2，私密）</translation>
    </message>
    <message>
        <source># %1  (private, not joined)</source>
        <translation># %1  （私密，未加入）</translation>
    </message>
    <message>
        <source>Chat privately</source>
        <translation>私聊</translation>
    </message>
    <message>
        <source>Invite to room…</source>
        <translation>邀请加入房间…</translation>
    </message>
    <message>
        <source>Invite to room</source>
        <translation>邀请加入房间</translation>
    </message>
    <message>
        <source>Invite %1 to the private room:</source>
        <translation>邀请 %1 加入私密房间：</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>房间(&amp;R)</translation>
    </message>
    <message>
        <source>Online &amp;users</source>
        <translation>在线用户(&amp;U)</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>Not connected: search when you are online.</source>
        <translation>未连接：请在线时再搜索。</translation>
    </message>
    <message>
        <source>Sent you the file %1</source>
        <translation>向你发送了文件 %1</translation>
    </message>
    <message>
        <source>%1 sent the file %2</source>
        <translation>%1 发送了文件 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Send files to %1</source>
        <translation>向 %1 发送文件</translation>
    </message>
    <message>
        <source>Drop to send the files to %1</source>
        <translation>松开即可把文件发送给 %1</translation>
    </message>
    <message>
        <source>Drop to send the files to the room %1</source>
        <translation>松开即可把文件发送到房间 %1</translation>
    </message>
    <message>
        <source>Serverless UDP room: unauthenticated and unencrypted</source>
        <translation>无服务器的 UDP 房间：未认证、未加密</translation>
    </message>
    <message>
        <source>UDP room</source>
        <translation>UDP 房间</translation>
    </message>
    <message>
        <source>Cannot join the UDP room %1: %2</source>
        <translation>无法加入 UDP 房间 %1：%2</translation>
    </message>
</context>
<context>
    <name>Switchboard::ChunkReader</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>Switchboard::ChunkWriter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>Switchboard::ClientSession</name>
    <message>
        <source>The server&apos;s identity could not be verified.</source>
        <translation>无法验证服务器的身份。</translation>
    </message>
    <message>
        <source>The message is too long to send.</source>
        <translation>消息太长，无法发送。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Discarded at logout.</source>
        <translation>已在注销时丢弃。</translation>
    </message>
    <message>
        <source>Log in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>消息为空。</translation>
    </message>
    <message>
        <source>The message is too long.</source>
        <translation>消息太长。</translation>
    </message>
    <message>
        <source>That is not a valid room name.</source>
        <translation>这不是有效的房间名。</translation>
    </message>
    <message>
        <source>Join the room first.</source>
        <translation>请先加入该房间。</translation>
    </message>
    <message>
        <source>There is no such user.</source>
        <translation>没有这个用户。</translation>
    </message>
    <message>
        <source>The server did not confirm it in time.</source>
        <translation>服务器未能及时确认。</translation>
    </message>
</context>
<context>
    <name>Switchboard::CloseQuestion</name>
    <message>
        <source>This program hosts a server; nobody else is connected to it now.</source>
        <translation>本程序托管着一个服务器；目前没有其他人连接。</translation>
    </message>
    <message numerus="yes">
        <source>This program hosts a server with %n connection(s) not logged in; they will be cut off.</source>
        <translation>
            <numerusform>本程序托管的服务器上有 %n 个未登录的连接；它们将被断开。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This program hosts a server and %n user(s) are connected: %1. They will be cut off.</source>
        <translation>
            <numerusform>本程序托管着一个服务器，有 %n 个用户已连接：%1。他们将被断开。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) have not finished: %1. They resume the next time you log in.</source>
        <translation>
            <numerusform>%n 个传输尚未完成：%1。下次登录时会断点续传。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::ClusterBus</name>
    <message>
        <source>--cluster takes redis://HOST:PORT, not &quot;%1&quot;.</source>
        <translation>--cluster 需要 redis://HOST:PORT，而不是“%1”。</translation>
    </message>
</context>
<context>
    <name>Switchboard::CreateRoomDialog</name>
    <message>
        <source>Private: only people you invite can see and join it</source>
        <translation>私密：只有你邀请的人能看到并加入</translation>
    </message>
    <message>
        <source>Create room</source>
        <translation>创建房间</translation>
    </message>
    <message>
        <source>letters, digits, _ - .</source>
        <translation>字母、数字、_ - .</translation>
    </message>
    <message>
        <source>Room name:</source>
        <translation>房间名：</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
</context>
<context>
    <name>Switchboard::Credentials</name>
    <message>
        <source>Unsupported credential scheme %1.</source>
        <translation>不支持的凭据方案 %1。</translation>
    </message>
    <message>
        <source>The salt must have %1 to %2 bytes.</source>
        <translation>盐值长度必须为 %1 到 %2 字节。</translation>
    </message>
    <message>
        <source>The iteration count must be between %1 and %2.</source>
        <translation>迭代次数必须在 %1 到 %2 之间。</translation>
    </message>
    <message>
        <source>StoredKey and ServerKey must have %1 bytes each.</source>
        <translation>StoredKey 和 ServerKey 必须各为 %1 字节。</translation>
    </message>
</context>
<context>
    <name>Switchboard::Database</name>
    <message>
        <source>The database driver %1 of QtSql is not available.</source>
        <translation>QtSql 的数据库驱动 %1 不可用。</translation>
    </message>
    <message>
        <source>Cannot create the directory %1.</source>
        <translation>无法创建目录 %1。</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
    <message>
        <source>Cannot prepare the database %1: %2</source>
        <translation>无法初始化数据库 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read the schema version of %1.</source>
        <translation>无法读取 %1 的数据库结构版本。</translation>
    </message>
    <message>
        <source>The database %1 has schema version %2, newer than this Switchboard knows (%3); use a newer Switchboard.</source>
        <translation>数据库 %1 的结构版本为 %2，比本版 Switchboard 所知的版本（%3）更新；请使用更新版本的 Switchboard。</translation>
    </message>
    <message>
        <source>Cannot start a transaction on %1: %2</source>
        <translation>无法在 %1 上开始事务：%2</translation>
    </message>
    <message>
        <source>Cannot apply database migration %1 (%2) to %3: %4</source>
        <translation>无法对 %3 执行数据库迁移 %1（%2）：%4</translation>
    </message>
    <message>
        <source>Cannot create the database %1.</source>
        <translation>无法创建数据库 %1。</translation>
    </message>
    <message>
        <source>The database is not open.</source>
        <translation>数据库未打开。</translation>
    </message>
    <message>
        <source>The database %1 changed its schema version under this server.</source>
        <translation>数据库 %1 的结构版本在本服务器运行期间被更改。</translation>
    </message>
    <message>
        <source>Cannot lock the schema of %1: %2</source>
        <translation>无法锁定 %1 的数据库结构：%2</translation>
    </message>
    <message>
        <source>The database %1 is unreachable; the next attempt is in %2 ms.</source>
        <translation>数据库 %1 无法连接；%2 毫秒后再次尝试。</translation>
    </message>
    <message>
        <source>Cannot reconnect to the database %1: %2</source>
        <translation>无法重新连接数据库 %1：%2</translation>
    </message>
</context>
<context>
    <name>Switchboard::DatabaseUrl</name>
    <message>
        <source>The database URL is empty.</source>
        <translation>数据库 URL 为空。</translation>
    </message>
    <message>
        <source>The database URL %1 names no file.</source>
        <translation>数据库 URL %1 未指定文件。</translation>
    </message>
    <message>
        <source>Unknown database URL %1: use sqlite:PATH or postgresql://USER@HOST:PORT/DB.</source>
        <translation>未知的数据库 URL %1：请使用 sqlite:PATH 或 postgresql://USER@HOST:PORT/DB。</translation>
    </message>
    <message>
        <source>Invalid database URL %1: use postgresql://USER@HOST:PORT/DB.</source>
        <translation>无效的数据库 URL %1：请使用 postgresql://USER@HOST:PORT/DB。</translation>
    </message>
    <message>
        <source>The database URL must not carry a password: use --database-password-file or %1.</source>
        <translation>数据库 URL 中不能包含密码：请使用 --database-password-file 或 %1。</translation>
    </message>
    <message>
        <source>The database URL %1 takes no query or fragment.</source>
        <translation>数据库 URL %1 不接受查询参数或片段。</translation>
    </message>
    <message>
        <source>Invalid port in the database URL %1.</source>
        <translation>数据库 URL %1 中的端口无效。</translation>
    </message>
    <message>
        <source>The database URL %1 names no database (…/DB).</source>
        <translation>数据库 URL %1 未指定数据库（…/DB）。</translation>
    </message>
    <message>
        <source>Cannot read the database password file %1: %2</source>
        <translation>无法读取数据库密码文件 %1：%2</translation>
    </message>
</context>
<context>
    <name>Switchboard::DelimiterFraming</name>
    <message>
        <source>no delimiter within %1 bytes; the framing does not fit</source>
        <translation>%1 字节内没有分隔符；该分帧方式不适用</translation>
    </message>
</context>
<context>
    <name>Switchboard::DiscoveredServersList</name>
    <message>
        <source>Servers on your network (click one to connect):</source>
        <translation>你所在网络中的服务器（点击即可连接）：</translation>
    </message>
    <message>
        <source>Looking for servers on your network…</source>
        <translation>正在查找网络中的服务器…</translation>
    </message>
    <message>
        <source>Servers on your network</source>
        <translation>你所在网络中的服务器</translation>
    </message>
</context>
<context>
    <name>Switchboard::DiscoveredServersModel</name>
    <message>
        <source>%1 (%2 port %3)</source>
        <translation>%1（%2 端口 %3）</translation>
    </message>
    <message>
        <source>%1
Addresses: %2
Server id: %3%4</source>
        <translation>%1
地址：%2
服务器 ID：%3%4</translation>
    </message>
    <message>
        <source>
TLS on</source>
        <translation>
已启用 TLS</translation>
    </message>
</context>
<context>
    <name>Switchboard::DownloadDialog</name>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Save into:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>清除已完成</translation>
    </message>
    <message>
        <source>Save downloads into</source>
        <translation>选择下载保存位置</translation>
    </message>
</context>
<context>
    <name>Switchboard::Downloader</name>
    <message>
        <source>File %1</source>
        <translation>文件 %1</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>未连接到服务器。</translation>
    </message>
    <message>
        <source>The server started at an unexpected offset.</source>
        <translation>服务器从意外的偏移量开始发送。</translation>
    </message>
    <message>
        <source>The server sent data out of order.</source>
        <translation>服务器发送的数据顺序错乱。</translation>
    </message>
    <message>
        <source>Received %1 of %2 bytes.</source>
        <translation>只收到了 %1 / %2 字节。</translation>
    </message>
    <message>
        <source>The downloaded data does not match the file&apos;s checksum.</source>
        <translation>下载的数据与文件的校验和不一致。</translation>
    </message>
    <message>
        <source>Cannot replace %1.</source>
        <translation>无法替换 %1。</translation>
    </message>
    <message>
        <source>Cannot move the download to %1.</source>
        <translation>无法把下载的文件移动到 %1。</translation>
    </message>
    <message>
        <source>Cannot move the download into %1.</source>
        <translation>无法把下载的文件移入 %1。</translation>
    </message>
    <message>
        <source>The connection was lost; start the download again to resume it.</source>
        <translation>连接已断开；重新开始下载即可断点续传。</translation>
    </message>
    <message>
        <source>The server sent more than %1 bytes ahead of the acknowledgements.</source>
        <translation>服务器发送的数据超出已确认部分 %1 字节以上。</translation>
    </message>
</context>
<context>
    <name>Switchboard::EmojiPicker</name>
    <message>
        <source>Insert emoji</source>
        <translation>插入表情</translation>
    </message>
    <message>
        <source>Insert an emoji</source>
        <translation>插入一个表情</translation>
    </message>
</context>
<context>
    <name>Switchboard::FramedStreamView</name>
    <message>
        <source>Offset</source>
        <translation>偏移量</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Only the first %1 of %2 reads are shown.</source>
        <translation>只显示了 %2 次读取中的前 %1 次。</translation>
    </message>
    <message numerus="yes">
        <source> + %n payload bytes</source>
        <translation>
            <numerusform> + %n 字节载荷</numerusform>
        </translation>
    </message>
    <message>
        <source>Resync</source>
        <translation>重新同步</translation>
    </message>
    <message>
        <source>After a gap or bytes the framing does not fit, find the message boundaries again (line and delim: after the next delimiter; length-prefixed: where two whole messages follow one another) instead of stopping.</source>
        <translation>遇到缺口或不符合分帧方式的字节后，不停止，而是重新寻找消息边界（line 和 delim：下一个分隔符之后；长度前缀：连续两条完整消息出现之处）。</translation>
    </message>
    <message>
        <source>Framing up (client → server):</source>
        <translation>上行分帧（客户端 → 服务器）：</translation>
    </message>
    <message>
        <source>down:</source>
        <translation>下行：</translation>
    </message>
    <message>
        <source>Up (client → server)</source>
        <translation>上行（客户端 → 服务器）</translation>
    </message>
    <message>
        <source>Down (server → client)</source>
        <translation>下行（服务器 → 客户端）</translation>
    </message>
    <message>
        <source>Framing down (server → client)</source>
        <translation>下行分帧（服务器 → 客户端）</translation>
    </message>
    <message>
        <source>What the reads show</source>
        <translation>读取结果说明</translation>
    </message>
    <message>
        <source>Chunks as delivered and messages reassembled</source>
        <translation>系统交付的数据块与重组后的消息</translation>
    </message>
    <message>
        <source>Reassembled messages</source>
        <translation>重组后的消息</translation>
    </message>
</context>
<context>
    <name>Switchboard::FramingLab</name>
    <message>
        <source>Number the frames (&quot;id&quot; counts up)</source>
        <translation>给帧编号（&quot;id&quot; 递增）</translation>
    </message>
    <message>
        <source>Send as one write</source>
        <translation>一次写入全部发送</translation>
    </message>
    <message>
        <source>Split at byte</source>
        <translation>拆分于字节</translation>
    </message>
    <message>
        <source>Coalesce with the next</source>
        <translation>与后续</translation>
    </message>
    <message>
        <source>Nagle&apos;s algorithm (the OS may hold back and merge small writes)</source>
        <translation>Nagle 算法（操作系统可能暂缓并合并小块写入）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send held frames now</source>
        <translation>立即发送暂存的帧</translation>
    </message>
    <message>
        <source>More header members as a JSON object, e.g. {&quot;room&quot;: &quot;lobby&quot;}</source>
        <translation>其他报头字段，写成 JSON 对象，例如 {&quot;room&quot;: &quot;lobby&quot;}</translation>
    </message>
    <message>
        <source>Payload text (optional; sets &quot;size&quot;)</source>
        <translation>载荷文本（可选；会设置 &quot;size&quot;）</translation>
    </message>
    <message>
        <source>The first write carries bytes 0..K-1, the second the rest.</source>
        <translation>第一次写入发送第 0..K-1 字节，第二次发送其余部分。</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source> frames</source>
        <translation> 个帧</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Header:</source>
        <translation>报头：</translation>
    </message>
    <message>
        <source>Payload:</source>
        <translation>载荷：</translation>
    </message>
    <message>
        <source>How it goes on the wire</source>
        <translation>在线路上如何发送</translation>
    </message>
    <message>
        <source>then wait</source>
        <translation>然后等待</translation>
    </message>
    <message>
        <source>into one write</source>
        <translation>合并为一次写入</translation>
    </message>
    <message>
        <source>Not connected: connect to a server to use the lab.</source>
        <translation>未连接：连接到服务器后才能使用分帧实验室。</translation>
    </message>
    <message>
        <source>The connection is closed.</source>
        <translation>连接已关闭。</translation>
    </message>
    <message>
        <source>Frames go to %1 through the client&apos;s connection; watch the replies in Packets and Stream.</source>
        <translation>帧会通过客户端的连接发往 %1；可在“数据包”和“数据流”中查看回复。</translation>
    </message>
    <message>
        <source>The header is not valid JSON: %1</source>
        <translation>报头不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>The header must be a JSON object.</source>
        <translation>报头必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>%1 bytes on the wire: 4 (length prefix) + %2 (header) + %3 (payload).</source>
        <translation>线路上共 %1 字节：4（长度前缀）+ %2（报头）+ %3（载荷）。</translation>
    </message>
    <message>
        <source>First write: bytes 0–%1 (highlighted), then after %2 ms bytes %1–%3.</source>
        <translation>第一次写入：第 0–%1 字节（高亮部分），%2 ms 后再写入第 %1–%3 字节。</translation>
    </message>
    <message>
        <source>The cut is inside the length prefix.</source>
        <translation>切分点位于长度前缀内。</translation>
    </message>
    <message>
        <source>The cut is inside the JSON header.</source>
        <translation>切分点位于 JSON 报头内。</translation>
    </message>
    <message>
        <source>The cut is inside the payload.</source>
        <translation>切分点位于载荷内。</translation>
    </message>
    <message>
        <source>This frame and the next %1 are held, then written together in one write (%2 held now).</source>
        <translation>本帧和后续 %1 个帧会先暂存，再在一次写入中一起发出（当前已暂存 %2 个）。</translation>
    </message>
    <message>
        <source>Not sent: the connection is closed.</source>
        <translation>未发送：连接已关闭。</translation>
    </message>
    <message>
        <source>Sent bytes 0–%1; the remaining %2 bytes follow in %3 ms.</source>
        <translation>已发送第 0–%1 字节；其余 %2 字节将在 %3 ms 后发送。</translation>
    </message>
    <message>
        <source>Nagle&apos;s algorithm is on: small writes may be merged by the OS.</source>
        <translation>Nagle 算法已开启：操作系统可能会合并小块写入。</translation>
    </message>
    <message>
        <source>Nagle&apos;s algorithm is off: every write is sent at once.</source>
        <translation>Nagle 算法已关闭：每次写入都会立即发出。</translation>
    </message>
    <message numerus="yes">
        <source>Sent %Ln byte(s) in one write.</source>
        <translation>
            <numerusform>一次写入发送了 %Ln 字节。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Holding %1 of %Ln frame(s).</source>
        <translation>
            <numerusform>已暂存 %1/%Ln 个帧。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %Ln frame(s) (%1 bytes) in one write.</source>
        <translation>
            <numerusform>一次写入发送了 %Ln 个帧（%1 字节）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Switchboard</source>
        <translation>关于 Switchboard(&amp;A)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Switchboard %1&lt;/h3&gt;&lt;p&gt;Chat, send files and see what goes over the wire.&lt;/p&gt;&lt;p&gt;Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later). You may share and change it under its terms; it comes with no warranty.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Switchboard %1&lt;/h3&gt;&lt;p&gt;聊天、发送文件，并查看网络上传输的内容。&lt;/p&gt;&lt;p&gt;许可证：GNU 通用公共许可证第 3 版或更高版本（GPL-3.0-or-later）。你可以按其条款分享和修改本程序；本程序不提供任何担保。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建，运行于 Qt %3。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <source>The user guide is not installed.</source>
        <translation>未安装用户指南。</translation>
    </message>
    <message>
        <source>No program to show web pages was found. The guide is %1.</source>
        <translation>找不到可以显示网页的程序。指南位于 %1。</translation>
    </message>
    <message>
        <source>About Switchboard</source>
        <translation>关于 Switchboard</translation>
    </message>
</context>
<context>
    <name>Switchboard::HexView</name>
    <message>
        <source>No bytes</source>
        <translation>无数据</translation>
    </message>
</context>
<context>
    <name>Switchboard::HostScopeChooser</name>
    <message>
        <source>Only this computer</source>
        <translation>仅本机</translation>
    </message>
    <message>
        <source>My local network</source>
        <translation>我的局域网</translation>
    </message>
    <message>
        <source>&quot;Only this computer&quot; listens on 127.0.0.1: nobody else can connect. &quot;My local network&quot; listens on every network interface, so teammates can join (they find it in their login window, or type one of the addresses shown).</source>
        <translation>“仅本机”监听 127.0.0.1：其他人无法连接。“我的局域网”监听所有网络接口，队友可以加入（他们会在登录窗口中看到它，或输入显示的某个地址）。</translation>
    </message>
    <message>
        <source>This computer has no network address now: only programs on it can connect.</source>
        <translation>这台计算机目前没有网络地址：只有本机上的程序能连接。</translation>
    </message>
    <message>
        <source>Teammates can connect to: %1</source>
        <translation>队友可以连接到：%1</translation>
    </message>
    <message>
        <source>Who may join the hosted server</source>
        <translation>谁可以加入托管的服务器</translation>
    </message>
</context>
<context>
    <name>Switchboard::InspectorWidget</name>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Chunks (reads and writes)</source>
        <translation>数据块（读取和写入）</translation>
    </message>
    <message>
        <source>Frames and errors</source>
        <translation>帧和错误</translation>
    </message>
    <message>
        <source>Errors and events</source>
        <translation>错误和事件</translation>
    </message>
    <message>
        <source>Datagrams</source>
        <translation>数据报</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>发出</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>收到</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Which kinds of record to list</source>
        <translation>要列出哪些种类的记录</translation>
    </message>
    <message>
        <source>Any type</source>
        <translation>任意类型</translation>
    </message>
    <message>
        <source>Frame type, e.g. chat.send, or a prefix such as chat.*</source>
        <translation>帧类型，例如 chat.send，或 chat.* 这样的前缀</translation>
    </message>
    <message>
        <source>Both directions</source>
        <translation>双向</translation>
    </message>
    <message>
        <source>← Incoming</source>
        <translation>← 收到</translation>
    </message>
    <message>
        <source>→ Outgoing</source>
        <translation>→ 发出</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Part of the peer address, e.g. 127.0.0.1 or :5151</source>
        <translation>对端地址的一部分，例如 127.0.0.1 或 :5151</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>搜索文本</translation>
    </message>
    <message>
        <source>Text in the type, peer, header JSON, chunk data or error message (not case-sensitive)</source>
        <translation>在类型、对端、报头 JSON、数据块内容或错误消息中查找（不区分大小写）</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Stop recording new traffic (what is captured stays)</source>
        <translation>停止记录新的流量（已捕获的内容保留）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Forget everything captured so far</source>
        <translation>丢弃目前捕获的全部内容</translation>
    </message>
    <message>
        <source>Auto-scroll</source>
        <translation>自动滚动</translation>
    </message>
    <message>
        <source>Export pcapng…</source>
        <translation>导出 pcapng…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy as hex</source>
        <translation>复制为十六进制</translation>
    </message>
    <message>
        <source>Copy as JSON</source>
        <translation>复制为 JSON</translation>
    </message>
    <message>
        <source>← in</source>
        <translation>← 收到</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>数据流</translation>
    </message>
    <message>
        <source>Framing lab</source>
        <translation>分帧实验室</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>显示 %1 条</translation>
    </message>
    <message>
        <source>%1 dropped (oldest first)</source>
        <translation>已丢弃 %1 条（最早的先丢）</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>%1 not recorded while paused</source>
        <translation>暂停期间未记录 %1 条</translation>
    </message>
    <message>
        <source>filtering…</source>
        <translation>正在过滤…</translation>
    </message>
    <message>
        <source>exporting %1%</source>
        <translation>正在导出 %1%</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>序号 %1</translation>
    </message>
    <message>
        <source>%1 %2, connection %3</source>
        <translation>%1的 %2，连接 %3</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>本地</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>传输层</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>Stream offset</source>
        <translation>流偏移量</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>%1 bytes as the OS %2 them, stream bytes %3–%4</source>
        <translation>操作系统%2的 %1 字节，流字节 %3–%4</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>交付</translation>
    </message>
    <message>
        <source>0–%1</source>
        <translation>0–%1</translation>
    </message>
    <message>
        <source>whole frame</source>
        <translation>完整的帧</translation>
    </message>
    <message>
        <source>start of the frame</source>
        <translation>帧的开头</translation>
    </message>
    <message>
        <source>end of the frame</source>
        <translation>帧的结尾</translation>
    </message>
    <message>
        <source>middle of the frame</source>
        <translation>帧的中间部分</translation>
    </message>
    <message>
        <source>%1: bytes %2–%3 of this %4</source>
        <translation>%1：本%4的第 %2–%3 字节</translation>
    </message>
    <message>
        <source>Datagram</source>
        <translation>数据报</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>At stream offset</source>
        <translation>所在流偏移量</translation>
    </message>
    <message>
        <source>Show stream</source>
        <translation>显示数据流</translation>
    </message>
    <message>
        <source>Only this peer</source>
        <translation>只看此对端</translation>
    </message>
    <message>
        <source>Only type “%1”</source>
        <translation>只看类型“%1”</translation>
    </message>
    <message>
        <source>Export capture</source>
        <translation>导出抓包</translation>
    </message>
    <message>
        <source>pcapng capture (*.pcapng);;All files (*)</source>
        <translation>pcapng 抓包文件 (*.pcapng);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Save the capture for Wireshark (Help ▸ Install Wireshark dissector decodes it there)</source>
        <translation>保存抓包供 Wireshark 使用（“帮助 ▸ 安装 Wireshark 解析器”后即可在其中解码）</translation>
    </message>
    <message>
        <source>Decrypted (TLS)</source>
        <translation>已解密（TLS）</translation>
    </message>
    <message>
        <source>This connection is encrypted with TLS. The inspector shows the chunks and frames as they travel inside it; on the network they are unreadable TLS records.</source>
        <translation>此连接已用 TLS 加密。查看器显示的是加密通道内部的数据块和帧；在网络上它们是无法读取的 TLS 记录。</translation>
    </message>
    <message>
        <source>TCP, decrypted (TLS): shown as inside the encrypted stream</source>
        <translation>TCP，已解密（TLS）：显示的是加密流内部的内容</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln frame(s))</source>
        <translation>
            <numerusform>（%Ln 个帧）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln byte(s)</source>
        <translation>
            <numerusform>%Ln 字节</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln packet(s) to %1</source>
        <translation>
            <numerusform>已导出 %Ln 个数据包到 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::JsonHeadFraming</name>
    <message>
        <source>head length %1 is not between 1 and %2; the framing does not fit</source>
        <translation>报头长度 %1 不在 1 到 %2 之间；该分帧方式不适用</translation>
    </message>
    <message>
        <source>the %1-byte head is not a JSON object (%2); the framing does not fit</source>
        <translation>%1 字节的报头不是 JSON 对象（%2）；该分帧方式不适用</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>the head&apos;s &quot;%1&quot; is not a plausible byte count; the framing does not fit</source>
        <translation>报头中的 &quot;%1&quot; 不是合理的字节数；该分帧方式不适用</translation>
    </message>
</context>
<context>
    <name>Switchboard::LabClientModel</name>
    <message>
        <source>%1 — in %2, out %3</source>
        <translation>%1 — 收到 %2，发出 %3</translation>
    </message>
</context>
<context>
    <name>Switchboard::LengthPrefixFraming</name>
    <message>
        <source>length %1 is shorter than its own %2-byte prefix; the framing does not fit</source>
        <translation>长度 %1 比它自身 %2 字节的长度前缀还短；该分帧方式不适用</translation>
    </message>
</context>
<context>
    <name>Switchboard::LoginPanel</name>
    <message>
        <source>Host a server on this computer</source>
        <translation>在本机运行服务器</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Chat, send files and see what goes over the wire.</source>
        <translation>聊天、传文件，看清网络上传输的内容。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Enter a user name and a password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation>请输入服务器地址。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop connecting or logging in.</source>
        <translation>停止连接或登录。</translation>
    </message>
    <message>
        <source>Unencrypted (for teaching)</source>
        <translation>不加密（用于教学）</translation>
    </message>
    <message>
        <source>Start a Switchboard server inside this program, so you can chat at once; choose below who may join it.</source>
        <translation>在本程序内启动一个 Switchboard 服务器，立即开始聊天；在下方选择谁可以加入。</translation>
    </message>
    <message>
        <source>Connect without TLS, to a server started with --no-tls, to study the raw protocol. Anyone on the network can then read your chat and files.</source>
        <translation>不使用 TLS 连接以 --no-tls 启动的服务器，用于学习原始协议。此时网络上的任何人都能读到你的聊天和文件。</translation>
    </message>
    <message>
        <source>Unencrypted: chat and files will cross the network in clear text.</source>
        <translation>不加密：聊天和文件将以明文在网络上传输。</translation>
    </message>
    <message>
        <source>Enter your user name and password for %1, then Log in.</source>
        <translation>请输入你在 %1 上的用户名和密码，然后登录。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>&amp;Port</source>
        <translation>端口(&amp;P)</translation>
    </message>
    <message>
        <source>Server address, e.g. 192.168.1.20 (cluster nodes: a:5151, b:5151)</source>
        <translation>服务器地址，例如 192.168.1.20（集群节点：a:5151, b:5151）</translation>
    </message>
</context>
<context>
    <name>Switchboard::MainWindow</name>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Account %1 created. Logging in…</source>
        <translation>账号 %1 已创建。正在登录…</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>已断开连接：%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>聊天(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Join room…</source>
        <translation>加入房间(&amp;J)…</translation>
    </message>
    <message>
        <source>Ctrl+J</source>
        <translation>Ctrl+J</translation>
    </message>
    <message>
        <source>&amp;Leave room</source>
        <translation>离开房间(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Server panel</source>
        <translation>服务器面板(&amp;S)</translation>
    </message>
    <message>
        <source>Server started on %1</source>
        <translation>服务器已在 %1 上启动</translation>
    </message>
    <message>
        <source>Could not start the server: %1</source>
        <translation>无法启动服务器：%1</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1. Check the address and port, or host a server on this computer.</source>
        <translation>无法连接服务器：%1。请检查地址和端口，或在本机运行服务器。</translation>
    </message>
    <message>
        <source>Wrong user name or password. New here? Click Register.</source>
        <translation>用户名或密码错误。新用户？请点击“注册”。</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts: this account is locked for %n second(s).</source>
        <translation>
            <numerusform>失败次数过多：该账号已被锁定 %n 秒。</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many failed attempts: this account is locked for a while. %1</source>
        <translation>失败次数过多：该账号暂时被锁定。%1</translation>
    </message>
    <message>
        <source>This server speaks another protocol version: %1</source>
        <translation>该服务器使用不同的协议版本：%1</translation>
    </message>
    <message>
        <source>The server is full. Try again later.</source>
        <translation>服务器已满，请稍后再试。</translation>
    </message>
    <message>
        <source>That user name is taken. Choose another, or click Log in if it is yours.</source>
        <translation>该用户名已被占用。请换一个；如果这是你的账号，请点击“登录”。</translation>
    </message>
    <message>
        <source>This server does not allow registration. Ask its administrator for an account.</source>
        <translation>该服务器不允许注册。请向服务器管理员申请账号。</translation>
    </message>
    <message>
        <source>Invalid user name: %1</source>
        <translation>用户名无效：%1</translation>
    </message>
    <message>
        <source>Login failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
    <message>
        <source>Switchboard — %1@%2</source>
        <translation>Switchboard — %1@%2</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Online as %1 on %2</source>
        <translation>已在 %2 上以 %1 身份在线</translation>
    </message>
    <message>
        <source>Connection lost — reconnecting…</source>
        <translation>连接已断开——正在重新连接…</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 条消息等待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>抓包检查器</translation>
    </message>
    <message>
        <source>Send &amp;files…</source>
        <translation>发送文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation>Ctrl+U</translation>
    </message>
    <message>
        <source>&amp;Inspector</source>
        <translation>抓包检查器(&amp;I)</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Server inspector</source>
        <translation>服务器抓包检查器</translation>
    </message>
    <message>
        <source>Server i&amp;nspector</source>
        <translation>服务器抓包检查器(&amp;N)</translation>
    </message>
    <message numerus="yes">
        <source>%n unsent message(s) are kept for %1 and will be sent when %1 logs in again.</source>
        <translation>
            <numerusform>为 %1 保留了 %n 条未发送的消息，%1 再次登录时会发送。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The server accepted the connection but never answered as a Switchboard server. Check the port.</source>
        <translation>服务器接受了连接，但始终没有以 Switchboard 服务器的身份应答。请检查端口。</translation>
    </message>
    <message>
        <source>%1 Check the port: another program answers there.</source>
        <translation>%1 请检查端口：那里应答的是另一个程序。</translation>
    </message>
    <message numerus="yes">
        <source>%n failed login attempt(s) since your last login, the last from %1 at %2</source>
        <translation>
            <numerusform>自上次登录以来有 %n 次登录失败，最近一次来自 %1，时间 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Stop server</source>
        <translation>停止服务器(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Create room…</source>
        <translation>创建房间(&amp;C)…</translation>
    </message>
    <message>
        <source>Install &amp;Wireshark dissector</source>
        <translation>安装 Wireshark 解析器(&amp;W)</translation>
    </message>
    <message>
        <source>Wireshark dissector</source>
        <translation>Wireshark 解析器</translation>
    </message>
    <message>
        <source>Installed as %1.
Wireshark and tshark started from now on decode Switchboard captures (File ▸ Open a saved .pcapng).</source>
        <translation>已安装为 %1。
此后启动的 Wireshark 和 tshark 都能解码 Switchboard 抓包（文件 ▸ 打开保存的 .pcapng）。</translation>
    </message>
    <message>
        <source>This version is already installed as %1.</source>
        <translation>此版本已安装为 %1。</translation>
    </message>
    <message>
        <source>Could not install the dissector: %1</source>
        <translation>无法安装解析器：%1</translation>
    </message>
    <message>
        <source>Not listening on IPv6: %1</source>
        <translation>未在 IPv6 上监听：%1</translation>
    </message>
    <message>
        <source>Unencrypted (for teaching): chat and files cross the network in clear text.</source>
        <translation>不加密（用于教学）：聊天和文件以明文在网络上传输。</translation>
    </message>
    <message>
        <source>TLS certificate fingerprint: %1</source>
        <translation>TLS 证书指纹：%1</translation>
    </message>
    <message>
        <source>New server</source>
        <translation>新服务器</translation>
    </message>
    <message>
        <source>This is your first connection to %1. Is it the server you mean?</source>
        <translation>这是你第一次连接 %1。它是你要连接的服务器吗？</translation>
    </message>
    <message>
        <source>Its certificate fingerprint is:
%1

Compare it with the fingerprint the server&apos;s operator sees (switchboard-server prints it when it starts). If they match, trust the server: Switchboard remembers it and warns you if it ever changes.</source>
        <translation>它的证书指纹是：
%1

请与服务器管理员看到的指纹比较（switchboard-server 启动时会打印）。如果一致，请信任该服务器：Switchboard 会记住它，并在它发生变化时警告你。</translation>
    </message>
    <message>
        <source>Trust and connect</source>
        <translation>信任并连接</translation>
    </message>
    <message>
        <source>Port %1 is in use</source>
        <translation>端口 %1 已被占用</translation>
    </message>
    <message>
        <source>Another program on this computer (perhaps another Switchboard server) already uses port %1, so the server cannot start there.

Start it on a free port instead? Teammates then need the new port number.</source>
        <translation>这台计算机上的另一个程序（也许是另一个 Switchboard 服务器）已在使用端口 %1，服务器无法在该端口启动。

改用一个空闲端口启动吗？队友随后需要使用新的端口号。</translation>
    </message>
    <message>
        <source>Use a free port</source>
        <translation>使用空闲端口</translation>
    </message>
    <message>
        <source>Port %1 is in use: choose another port, or close the program using it.</source>
        <translation>端口 %1 已被占用：请选择其他端口，或关闭占用它的程序。</translation>
    </message>
    <message>
        <source>Server stopped</source>
        <translation>服务器已停止</translation>
    </message>
    <message>
        <source>The server in this program has stopped.</source>
        <translation>本程序内的服务器已停止。</translation>
    </message>
    <message>
        <source>The secure connection failed: %1 If the server runs unencrypted (for teaching), tick &quot;Unencrypted&quot;.</source>
        <translation>安全连接失败：%1 如果服务器以不加密方式运行（用于教学），请勾选“不加密”。</translation>
    </message>
    <message>
        <source>Server certificate changed</source>
        <translation>服务器证书已更改</translation>
    </message>
    <message>
        <source>Stopped: the server&apos;s certificate changed. See the explanation.</source>
        <translation>已停止：服务器的证书已更改。请查看说明。</translation>
    </message>
    <message>
        <source>Not connected: the server was not trusted.</source>
        <translation>未连接：服务器未被信任。</translation>
    </message>
    <message numerus="yes">
        <source>Too many accounts were created from this address. Try again in %n minute(s).</source>
        <translation>
            <numerusform>从该地址创建的账号太多。请在 %n 分钟后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many accounts were created from this address. Try again later.</source>
        <translation>从该地址创建的账号太多。请稍后重试。</translation>
    </message>
    <message>
        <source>This server has as many accounts as it allows. Ask its administrator.</source>
        <translation>该服务器的账号数已达上限。请联系其管理员。</translation>
    </message>
    <message>
        <source>Encrypted (%1)</source>
        <translation>已加密（%1）</translation>
    </message>
    <message>
        <source>%1
Server certificate: %2</source>
        <translation>%1
服务器证书：%2</translation>
    </message>
    <message>
        <source>Unencrypted</source>
        <translation>不加密</translation>
    </message>
    <message>
        <source>Anyone on the network can read this chat and its files.</source>
        <translation>网络上的任何人都能读到这些聊天和文件。</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>设置(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>Join &amp;UDP room…</source>
        <translation>加入 UDP 房间(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Find in history…</source>
        <translation>在历史记录中查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Socket &amp;lab</source>
        <translation>套接字实验室(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Close Switchboard?</source>
        <translation>关闭 Switchboard？</translation>
    </message>
    <message>
        <source>Close anyway</source>
        <translation>仍然关闭</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>The server&apos;s host disconnected you from %1.</source>
        <translation>服务器的托管者已把你从 %1 断开。</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Save %1 into</source>
        <translation>把 %1 保存到</translation>
    </message>
    <message>
        <source>Open &amp;capture…</source>
        <translation>打开抓包文件(&amp;C)…</translation>
    </message>
    <message>
        <source>Open capture</source>
        <translation>打开抓包文件</translation>
    </message>
    <message>
        <source>Captures (*.pcap *.pcapng *.cap);;All files (*)</source>
        <translation>抓包文件 (*.pcap *.pcapng *.cap);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Framing &amp;proxy…</source>
        <translation>分帧代理(&amp;P)…</translation>
    </message>
    <message>
        <source>Creating account %1 on %2…</source>
        <translation>正在 %2 上创建账户 %1…</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Online as %1 on node %2 (%3 of %4)</source>
        <translation>以 %1 在线，节点 %2（第 %3 个，共 %4 个）</translation>
    </message>
    <message>
        <source>Connection lost — reconnecting to %1…</source>
        <translation>连接已断开 — 正在重新连接到 %1…</translation>
    </message>
</context>
<context>
    <name>Switchboard::MessageDelegate</name>
    <message>
        <source>waiting to send</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>%1 · click to download</source>
        <translation>%1 · 点击下载</translation>
    </message>
    <message>
        <source>Download %1 (%2)</source>
        <translation>下载 %1（%2）</translation>
    </message>
</context>
<context>
    <name>Switchboard::MessageInput</name>
    <message>
        <source>Type a message. Enter sends, Shift+Enter starts a new line.</source>
        <translation>输入消息。按 Enter 发送，Shift+Enter 换行。</translation>
    </message>
</context>
<context>
    <name>Switchboard::ProxyConnectionModel</name>
    <message>
        <source>open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Bytes up</source>
        <translation>上行字节</translation>
    </message>
    <message>
        <source>Bytes down</source>
        <translation>下行字节</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>Switchboard::ProxyWindow</name>
    <message>
        <source>Start proxy</source>
        <translation>启动代理</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Framing proxy</source>
        <translation>分帧代理</translation>
    </message>
    <message>
        <source>Where your client connects instead of the server (port 0: any free port).</source>
        <translation>你的客户端改为连接到这里，而不是服务器（端口 0：任意空闲端口）。</translation>
    </message>
    <message>
        <source>The server the proxy forwards to.</source>
        <translation>代理转发到的服务器。</translation>
    </message>
    <message>
        <source>Listening on</source>
        <translation>正在监听</translation>
    </message>
    <message>
        <source>Forwarding to</source>
        <translation>正在转发到</translation>
    </message>
    <message>
        <source>Open connections</source>
        <translation>打开的连接</translation>
    </message>
    <message>
        <source>Client → server (up)</source>
        <translation>客户端 → 服务器（上行）</translation>
    </message>
    <message>
        <source>Server → client (down)</source>
        <translation>服务器 → 客户端（下行）</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>抓包检查器</translation>
    </message>
    <message>
        <source>whole writes</source>
        <translation>整次写入</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <source>Cut every write into pieces of at least this size.</source>
        <translation>把每次写入切成至少这么大的小块。</translation>
    </message>
    <message>
        <source>same</source>
        <translation>相同</translation>
    </message>
    <message>
        <source>Largest piece (random sizes in between).</source>
        <translation>最大的小块（大小在两者之间随机）。</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Pause between pieces, so that they arrive as separate reads.</source>
        <translation>小块之间暂停，使它们作为单独的读取到达。</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Send writes arriving within this time as one.</source>
        <translation>把在这段时间内到达的写入合并为一次发送。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Hold every byte this long.</source>
        <translation>每个字节延迟这么久。</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> bytes/s</source>
        <translation> 字节/秒</translation>
    </message>
    <message>
        <source>Throttle to this rate.</source>
        <translation>限速为此速率。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Close the connection after this many bytes.</source>
        <translation>传输这么多字节后关闭连接。</translation>
    </message>
    <message>
        <source>Split into</source>
        <translation>拆分成</translation>
    </message>
    <message>
        <source>up to</source>
        <translation>最多到</translation>
    </message>
    <message>
        <source>Piece delay</source>
        <translation>小块间隔</translation>
    </message>
    <message>
        <source>Coalesce</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>Close after</source>
        <translation>关闭时机</translation>
    </message>
    <message>
        <source>Give addresses as numbers, e.g. 127.0.0.1:7000 or [::1]:7000.</source>
        <translation>请以数字形式给出地址，例如 127.0.0.1:7000 或 [::1]:7000。</translation>
    </message>
    <message>
        <source>%1 → %2 (as the server received it)</source>
        <translation>%1 → %2（服务器收到时的样子）</translation>
    </message>
    <message>
        <source>%1 → %2 (as the client received it)</source>
        <translation>%1 → %2（客户端收到时的样子）</translation>
    </message>
    <message>
        <source>&amp;Listen on</source>
        <translation>监听地址(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;forward to</source>
        <translation>转发到(&amp;F)</translation>
    </message>
    <message>
        <source>Running proxies</source>
        <translation>运行中的代理</translation>
    </message>
    <message>
        <source>Connections through the proxies</source>
        <translation>经过代理的连接</translation>
    </message>
    <message>
        <source>Chosen connection</source>
        <translation>所选连接</translation>
    </message>
</context>
<context>
    <name>Switchboard::RoomMembersPanel</name>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Make owner</source>
        <translation>设为房主</translation>
    </message>
    <message>
        <source>Take the selected member off this private room&apos;s list.</source>
        <translation>把选中的成员从此私密房间的名单中移除。</translation>
    </message>
    <message>
        <source>Hand this room over to the selected member.</source>
        <translation>把此房间移交给选中的成员。</translation>
    </message>
    <message>
        <source>Hand over room</source>
        <translation>移交房间</translation>
    </message>
    <message>
        <source>Make %1 the owner of %2? You will no longer manage its members.</source>
        <translation>把 %1 设为 %2 的房主？你将不再管理其成员。</translation>
    </message>
    <message>
        <source>Members of %1 (private)</source>
        <translation>%1 的成员（私密）</translation>
    </message>
    <message>
        <source>%1 (owner)</source>
        <translation>%1（房主）</translation>
    </message>
    <message>
        <source>Members of the private room</source>
        <translation>私密房间的成员</translation>
    </message>
</context>
<context>
    <name>Switchboard::SavedPackets</name>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source>%1 is not a saved-packets file: %2</source>
        <translation>%1 不是已保存数据包文件：%2</translation>
    </message>
</context>
<context>
    <name>Switchboard::ScramClient</name>
    <message>
        <source>The user name is empty or invalid.</source>
        <translation>用户名为空或无效。</translation>
    </message>
    <message>
        <source>The client nonce contains characters SCRAM does not allow.</source>
        <translation>客户端随机数（nonce）包含 SCRAM 不允许的字符。</translation>
    </message>
    <message>
        <source>The login steps were called out of order.</source>
        <translation>登录步骤的调用顺序错误。</translation>
    </message>
    <message>
        <source>The server sent a malformed login message.</source>
        <translation>服务器发来的登录消息格式错误。</translation>
    </message>
    <message>
        <source>The server requires a login extension this client does not support.</source>
        <translation>服务器要求使用本客户端不支持的登录扩展。</translation>
    </message>
    <message>
        <source>The server&apos;s nonce does not continue the client&apos;s nonce.</source>
        <translation>服务器的随机数不是以客户端的随机数开头的。</translation>
    </message>
    <message>
        <source>The server sent an invalid salt.</source>
        <translation>服务器发来的盐值无效。</translation>
    </message>
    <message>
        <source>The server asked for an iteration count outside the accepted range.</source>
        <translation>服务器要求的迭代次数超出了可接受的范围。</translation>
    </message>
    <message>
        <source>The derived key has the wrong size.</source>
        <translation>派生密钥的长度不正确。</translation>
    </message>
    <message>
        <source>The server rejected the login.</source>
        <translation>服务器拒绝了登录。</translation>
    </message>
    <message>
        <source>The server could not prove that it knows the account; it may be an impostor.</source>
        <translation>服务器无法证明它知道该账号，它可能是冒充的。</translation>
    </message>
    <message>
        <source>The server asked for %1 iterations; this client accepts %2 to %3.</source>
        <translation>服务器要求 %1 次迭代；本客户端只接受 %2 到 %3 次。</translation>
    </message>
    <message>
        <source>The server rejected the login (%1).</source>
        <translation>服务器拒绝了登录（%1）。</translation>
    </message>
</context>
<context>
    <name>Switchboard::ScramServer</name>
    <message>
        <source>The login service is not configured.</source>
        <translation>登录服务未配置。</translation>
    </message>
    <message>
        <source>The login steps arrived out of order.</source>
        <translation>登录步骤到达的顺序错误。</translation>
    </message>
    <message>
        <source>The login message is malformed.</source>
        <translation>登录消息格式错误。</translation>
    </message>
    <message>
        <source>Channel binding is not supported; use the GS2 header &quot;n,,&quot;.</source>
        <translation>不支持通道绑定；请使用 GS2 报头 &quot;n,,&quot;。</translation>
    </message>
    <message>
        <source>Logging in on behalf of another user is not supported.</source>
        <translation>不支持代替其他用户登录。</translation>
    </message>
    <message>
        <source>The login message requires an unsupported extension.</source>
        <translation>登录消息要求使用不支持的扩展。</translation>
    </message>
    <message>
        <source>The user name is not encoded correctly.</source>
        <translation>用户名编码不正确。</translation>
    </message>
    <message>
        <source>The client nonce contains characters SCRAM does not allow.</source>
        <translation>客户端随机数（nonce）包含 SCRAM 不允许的字符。</translation>
    </message>
    <message>
        <source>The channel binding data does not match.</source>
        <translation>通道绑定数据不匹配。</translation>
    </message>
    <message>
        <source>The nonce does not match the challenge.</source>
        <translation>随机数与质询不匹配。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
</context>
<context>
    <name>Switchboard::SearchBar</name>
    <message>
        <source>Older matches</source>
        <translation>更早的匹配</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Search this conversation&apos;s history</source>
        <translation>搜索此会话的历史记录</translation>
    </message>
    <message>
        <source>Search in history</source>
        <translation>在历史记录中搜索</translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation>关闭搜索</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Activate a result to show the message in the conversation.</source>
        <translation>双击某条结果（或按 Enter）即可在会话中显示该消息。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>%1 · %2: %3</source>
        <translation>%1 · %2：%3</translation>
    </message>
    <message>
        <source>No message contains &quot;%1&quot;.</source>
        <translation>没有消息包含 &quot;%1&quot;。</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) shown; older ones remain.</source>
        <translation>
            <numerusform>已显示 %n 条匹配；还有更早的匹配。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es).</source>
        <translation>
            <numerusform>%n 条匹配。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::ServerPanel</name>
    <message>
        <source>Kick</source>
        <translation>踢出</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>连接时间</translation>
    </message>
    <message>
        <source>Server log</source>
        <translation>服务器日志</translation>
    </message>
    <message>
        <source>No server is running in this program.</source>
        <translation>本程序中没有运行服务器。</translation>
    </message>
    <message numerus="yes">
        <source>Hosting on %1 — %n client(s) connected</source>
        <translation>
            <numerusform>正在 %1 上运行——已连接 %n 个客户端</numerusform>
        </translation>
    </message>
    <message>
        <source>(not logged in)</source>
        <translation>（未登录）</translation>
    </message>
    <message>
        <source>You were disconnected by the server&apos;s host.</source>
        <translation>服务器的运行者断开了你的连接。</translation>
    </message>
    <message>
        <source>Stop server</source>
        <translation>停止服务器</translation>
    </message>
    <message>
        <source>Stop the server: everyone connected to it is disconnected.</source>
        <translation>停止服务器：所有连接到它的人都会断开。</translation>
    </message>
    <message>
        <source>Reachable at: %1 (from this computer only)</source>
        <translation>可访问地址：%1（仅限本机）</translation>
    </message>
    <message>
        <source>Reachable at: %1</source>
        <translation>可访问地址：%1</translation>
    </message>
    <message>
        <source>Kick yourself?</source>
        <translation>踢出你自己？</translation>
    </message>
    <message>
        <source>%1 is you: kicking it disconnects this window (or your other device) from your own server.</source>
        <translation>%1 就是你：踢出它会把此窗口（或你的其他设备）从你自己的服务器断开。</translation>
    </message>
    <message>
        <source>Kick anyway</source>
        <translation>仍然踢出</translation>
    </message>
</context>
<context>
    <name>Switchboard::ServerRuntime</name>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation>无法创建数据目录 %1。</translation>
    </message>
    <message>
        <source>Not an IP address: %1</source>
        <translation>不是 IP 地址：%1</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>无法监听 %1：%2</translation>
    </message>
    <message>
        <source>Cannot set up TLS: %1</source>
        <translation>无法设置 TLS：%1</translation>
    </message>
</context>
<context>
    <name>Switchboard::ServerTrust</name>
    <message>
        <source>this session&apos;s trusted servers</source>
        <translation>本次会话信任的服务器</translation>
    </message>
    <message>
        <source>The certificate of %1 has CHANGED since you last connected. Someone may be intercepting the connection (a man-in-the-middle attack), or the server&apos;s certificate was replaced. The connection was stopped before anything was sent.
Expected fingerprint: %2
Presented fingerprint: %3
Ask the server&apos;s operator for its fingerprint (switchboard-server logs it at start). If the new one is right, remove the line for %1 from %4 and connect again.</source>
        <translation>自你上次连接以来，%1 的证书已经更改。可能有人在拦截连接（中间人攻击），也可能是服务器更换了证书。连接已在发送任何内容之前停止。
预期指纹：%2
出示的指纹：%3
请向服务器管理员询问其指纹（switchboard-server 启动时会记录）。如果新指纹正确，请从 %4 中删除 %1 那一行，然后重新连接。</translation>
    </message>
</context>
<context>
    <name>Switchboard::SettingsDialog</name>
    <message>
        <source>Show a notification when a message arrives in the background</source>
        <translation>在后台收到消息时显示通知</translation>
    </message>
    <message>
        <source>Play a sound with notifications</source>
        <translation>通知时播放声音</translation>
    </message>
    <message>
        <source>Ask where to save each download</source>
        <translation>每次下载都询问保存位置</translation>
    </message>
    <message>
        <source>The language changes the next time Switchboard starts.</source>
        <translation>语言将在下次启动 Switchboard 时更改。</translation>
    </message>
    <message>
        <source>Start hidden in the system tray</source>
        <translation>启动时隐藏到系统托盘</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Notifications and tray</source>
        <translation>通知和托盘</translation>
    </message>
    <message>
        <source>This desktop has no system tray.</source>
        <translation>此桌面没有系统托盘。</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation>选择下载文件夹</translation>
    </message>
    <message>
        <source>Save &amp;into:</source>
        <translation>保存到(&amp;I)：</translation>
    </message>
    <message>
        <source>Chat and inspector</source>
        <translation>聊天和抓包检查器</translation>
    </message>
    <message>
        <source>Older messages are dropped from the screen and page back in when you scroll up.</source>
        <translation>较早的消息会从屏幕上移除，向上滚动时再重新载入。</translation>
    </message>
    <message>
        <source>&amp;Messages kept on screen per conversation:</source>
        <translation>每个会话在屏幕上保留的消息数(&amp;M)：</translation>
    </message>
    <message>
        <source>Inspector keeps at most (&amp;frames):</source>
        <translation>抓包检查器最多保留的帧数(&amp;F)：</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Inspector keeps at most (&amp;memory):</source>
        <translation>抓包检查器最多占用的内存(&amp;M)：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Save downloads into</source>
        <translation>选择下载保存位置</translation>
    </message>
</context>
<context>
    <name>Switchboard::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>在消息中换行</translation>
    </message>
    <message>
        <source>Shift+Enter</source>
        <translation>Shift+Enter</translation>
    </message>
    <message>
        <source>Move to the next control</source>
        <translation>移到下一个控件</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>Switchboard::SocketLabWindow</name>
    <message>
        <source>Socket lab</source>
        <translation>套接字实验室</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>TCP client</source>
        <translation>TCP 客户端</translation>
    </message>
    <message>
        <source>TCP server</source>
        <translation>TCP 服务器</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>Traffic log</source>
        <translation>流量日志</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>auto-reply</source>
        <translation>自动回复</translation>
    </message>
    <message>
        <source>Show data as hex</source>
        <translation>以十六进制显示数据</translation>
    </message>
    <message>
        <source>Clear log</source>
        <translation>清空日志</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>流量</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>抓包检查器</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>in</source>
        <translation>收</translation>
    </message>
    <message>
        <source>out</source>
        <translation>发</translation>
    </message>
    <message>
        <source>%1 connected</source>
        <translation>%1 已连接</translation>
    </message>
    <message>
        <source>%1 disconnected</source>
        <translation>%1 已断开</translation>
    </message>
    <message>
        <source>Sent %1 of %2</source>
        <translation>已发送 %1/%2</translation>
    </message>
    <message>
        <source>Sent %1 (until stopped)</source>
        <translation>已发送 %1（直到停止）</translation>
    </message>
    <message numerus="yes">
        <source>Repeat finished after %n send(s).</source>
        <translation>
            <numerusform>重复发送 %n 次后结束。</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved packets not loaded: %1</source>
        <translation>未能载入已保存的数据包：%1</translation>
    </message>
    <message>
        <source>GBK is not available in this build of Qt (it needs ICU): text is sent as UTF-8.</source>
        <translation>此 Qt 版本不支持 GBK（需要 ICU）：文本将以 UTF-8 发送。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>监听</translation>
    </message>
    <message>
        <source>Connected clients</source>
        <translation>已连接的客户端</translation>
    </message>
    <message>
        <source>Send to &amp;all clients</source>
        <translation>发送给所有客户端(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Disconnect client</source>
        <translation>断开客户端(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>地址(&amp;A)：</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>Clients (select some and untick &quot;all&quot; to send to them only):</source>
        <translation>客户端（选中若干个并取消勾选“所有”，即可只发送给它们）：</translation>
    </message>
    <message>
        <source>Bind</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>&amp;Broadcast to 255.255.255.255 (on your LAN: mind your neighbours)</source>
        <translation>广播到 255.255.255.255(&amp;B)（在你的局域网上：注意别打扰他人）</translation>
    </message>
    <message>
        <source>&amp;Local address:</source>
        <translation>本地地址(&amp;L)：</translation>
    </message>
    <message>
        <source>Local p&amp;ort:</source>
        <translation>本地端口(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Target host:</source>
        <translation>目标主机(&amp;T)：</translation>
    </message>
    <message>
        <source>Target po&amp;rt:</source>
        <translation>目标端口(&amp;R)：</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Data to send</source>
        <translation>要发送的数据</translation>
    </message>
    <message>
        <source>Text, or hex bytes such as 48 65 6c 6c 6f when Hex is ticked</source>
        <translation>文本；勾选“十六进制”时为十六进制字节，例如 48 65 6c 6c 6f</translation>
    </message>
    <message>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>GBK</source>
        <translation>GBK</translation>
    </message>
    <message>
        <source>Not available: this Qt was built without ICU.</source>
        <translation>不可用：此 Qt 构建时未带 ICU。</translation>
    </message>
    <message>
        <source>&amp;Hex</source>
        <translation>十六进制(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Escapes (\r \n \t \xHH)</source>
        <translation>转义序列(&amp;E)（\r \n \t \xHH）</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>Sa&amp;ve…</source>
        <translation>保存(&amp;V)…</translation>
    </message>
    <message>
        <source>Re&amp;peat every</source>
        <translation>重复间隔(&amp;P)</translation>
    </message>
    <message>
        <source>Repeat interval</source>
        <translation>重复间隔</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Repeat count</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>直到停止</translation>
    </message>
    <message>
        <source> times</source>
        <translation> 次</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Save packet</source>
        <translation>保存数据包</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Saved packets</source>
        <translation>已保存的数据包</translation>
    </message>
    <message>
        <source>Double-click a packet to send it.</source>
        <translation>双击数据包即可发送。</translation>
    </message>
    <message>
        <source>Send &amp;packet</source>
        <translation>发送数据包(&amp;P)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Auto-reply rules (the first that applies answers each chunk or datagram)</source>
        <translation>自动回复规则（每个数据块或数据报由第一条适用的规则回复）</translation>
    </message>
    <message>
        <source>Auto-reply rules</source>
        <translation>自动回复规则</translation>
    </message>
    <message>
        <source>Untick a rule to turn it off.</source>
        <translation>取消勾选某条规则即可关闭它。</translation>
    </message>
    <message>
        <source>Rule kind</source>
        <translation>规则类型</translation>
    </message>
    <message>
        <source>Echo</source>
        <translation>回显</translation>
    </message>
    <message>
        <source>Upper-case echo</source>
        <translation>大写回显</translation>
    </message>
    <message>
        <source>Fixed reply</source>
        <translation>固定回复</translation>
    </message>
    <message>
        <source>When it contains…</source>
        <translation>包含某内容时…</translation>
    </message>
    <message>
        <source>Match by</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>regex</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>reply (encoded as the send box says)</source>
        <translation>回复（按发送框的设置编码）</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>添加规则(&amp;A)</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>Give a host and a port to connect to.</source>
        <translation>请给出要连接的主机和端口。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation>&quot;%1&quot; 不是 IP 地址。</translation>
    </message>
    <message>
        <source>Cannot open port %1: %2</source>
        <translation>无法打开端口 %1：%2</translation>
    </message>
    <message>
        <source>Stopped listening.</source>
        <translation>已停止监听。</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>UDP socket closed.</source>
        <translation>UDP 套接字已关闭。</translation>
    </message>
    <message>
        <source>Bound to %1</source>
        <translation>已绑定到 %1</translation>
    </message>
    <message>
        <source>Not connected: connect first.</source>
        <translation>未连接：请先连接。</translation>
    </message>
    <message>
        <source>No client is connected.</source>
        <translation>没有已连接的客户端。</translation>
    </message>
    <message>
        <source>Select the clients to send to, or tick &quot;Send to all clients&quot;.</source>
        <translation>请选择要发送到的客户端，或勾选“发送给所有客户端”。</translation>
    </message>
    <message>
        <source>Broadcast failed: %1</source>
        <translation>广播失败：%1</translation>
    </message>
    <message>
        <source>Cannot send to %1: %2</source>
        <translation>无法发送到 %1：%2</translation>
    </message>
    <message>
        <source>Cannot resolve %1: %2</source>
        <translation>无法解析 %1：%2</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Cannot send &quot;%1&quot;: %2</source>
        <translation>无法发送 &quot;%1&quot;：%2</translation>
    </message>
    <message numerus="yes">
        <source>Sent &quot;%1&quot; (%n byte(s)).</source>
        <translation>
            <numerusform>已发送 &quot;%1&quot;（%n 字节）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation>回复：%1</translation>
    </message>
    <message>
        <source>Give the pattern the rule looks for.</source>
        <translation>请给出该规则要查找的模式。</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开连接</translation>
    </message>
    <message>
        <source>Stop listening</source>
        <translation>停止监听</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Saved packets not written: %1</source>
        <translation>未能写入已保存的数据包：%1</translation>
    </message>
</context>
<context>
    <name>Switchboard::StorageThread</name>
    <message>
        <source>The database is busy: %1 calls are waiting.</source>
        <translation>数据库繁忙：有 %1 个调用在等待。</translation>
    </message>
    <message>
        <source>The connection to the database %1 was lost.</source>
        <translation>与数据库 %1 的连接已断开。</translation>
    </message>
    <message>
        <source>The database is not open.</source>
        <translation>数据库未打开。</translation>
    </message>
</context>
<context>
    <name>Switchboard::StreamDiagram</name>
    <message>
        <source>Select a chunk or frame in the packet list to see how this connection&apos;s bytes were delivered and reassembled.</source>
        <translation>在数据包列表中选择一个数据块或帧，即可查看该连接的字节是如何交付和重组的。</translation>
    </message>
    <message>
        <source>No. %1 · %2 B · bytes %3–%4</source>
        <translation>序号 %1 · %2 B · 字节 %3–%4</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>No. %1 · %2 · %3 B</source>
        <translation>序号 %1 · %2 · %3 B</translation>
    </message>
    <message>
        <source>%1 · %2 B</source>
        <translation>%1 · %2 B</translation>
    </message>
    <message>
        <source>(continues)</source>
        <translation>（续）</translation>
    </message>
    <message>
        <source>⋯ %1 bytes not captured ⋯</source>
        <translation>⋯ %1 字节未捕获 ⋯</translation>
    </message>
    <message>
        <source>Writes handed to the OS (%1)</source>
        <translation>交给操作系统的写入（%1）</translation>
    </message>
    <message>
        <source>Reads as the OS delivered them (%1)</source>
        <translation>操作系统交付的读取（%1）</translation>
    </message>
    <message>
        <source>Frames in these writes (%1)</source>
        <translation>这些写入中的帧（%1）</translation>
    </message>
    <message>
        <source>Frames reassembled from them (%1)</source>
        <translation>从中重组出的帧（%1）</translation>
    </message>
</context>
<context>
    <name>Switchboard::StreamHasher</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is shorter than expected.</source>
        <translation>%1 比预期的短。</translation>
    </message>
</context>
<context>
    <name>Switchboard::StreamView</name>
    <message>
        <source>Incoming (reads)</source>
        <translation>收到（读取）</translation>
    </message>
    <message>
        <source>Outgoing (writes)</source>
        <translation>发出（写入）</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Collect the connection&apos;s records again (new traffic is not added automatically).</source>
        <translation>重新收集该连接的记录（新的流量不会自动加入）。</translation>
    </message>
    <message>
        <source>Click a note to select its record in the packet list.</source>
        <translation>点击一条说明，即可在数据包列表中选中对应的记录。</translation>
    </message>
    <message>
        <source>several frames in one read or write</source>
        <translation>一次读写中有多个帧</translation>
    </message>
    <message>
        <source>frame split across reads or writes</source>
        <translation>帧被拆分到多次读写中</translation>
    </message>
    <message>
        <source>where a read or write ends inside a frame</source>
        <translation>读写在帧内部结束的位置</translation>
    </message>
    <message>
        <source>where a frame ends inside a read or write</source>
        <translation>帧在读写内部结束的位置</translation>
    </message>
    <message>
        <source>No connection selected</source>
        <translation>未选择连接</translation>
    </message>
    <message>
        <source>Connection %1</source>
        <translation>连接 %1</translation>
    </message>
    <message>
        <source>Connection %1 with %2</source>
        <translation>与 %2 的连接 %1</translation>
    </message>
    <message>
        <source>Framing</source>
        <translation>分帧方式</translation>
    </message>
    <message>
        <source>Switchboard v1 framing</source>
        <translation>Switchboard v1 分帧</translation>
    </message>
    <message>
        <source>Tutorial framing: struct.pack(&apos;i&apos;) + JSON head</source>
        <translation>教程分帧：struct.pack(&apos;i&apos;) + JSON 报头</translation>
    </message>
    <message>
        <source>How messages are cut out of the stream: Switchboard&apos;s own frames, or the tutorials&apos; little-endian head length, JSON head and filesize bytes.</source>
        <translation>如何从数据流中切出消息：Switchboard 自己的帧，或教程里的小端报头长度、JSON 报头和 filesize 字节。</translation>
    </message>
</context>
<context>
    <name>Switchboard::Transfer</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>计算校验和</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>等待服务器</translation>
    </message>
    <message>
        <source>Transferring</source>
        <translation>传输中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>校验中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Switchboard::TransferDelegate</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation>剩余 %1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s left</source>
        <translation>剩余 %1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>剩余 %1 秒</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Hold this transfer</source>
        <translation>暂停此传输</translation>
    </message>
    <message>
        <source>Continue this transfer</source>
        <translation>继续此传输</translation>
    </message>
    <message>
        <source>Try again, continuing where the data stopped</source>
        <translation>重试，从中断处断点续传</translation>
    </message>
    <message>
        <source>Stop this transfer and discard what was sent</source>
        <translation>停止此传输并丢弃已发送的数据</translation>
    </message>
</context>
<context>
    <name>Switchboard::TransferList</name>
    <message numerus="yes">
        <source>%n of %1 file(s) done</source>
        <translation>
            <numerusform>已完成 %n/%1 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Switchboard::TrayIcon</name>
    <message>
        <source>Show Switchboard</source>
        <translation>显示 Switchboard</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Hide Switchboard</source>
        <translation>隐藏 Switchboard</translation>
    </message>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Switchboard: %1</source>
        <translation>Switchboard：%1</translation>
    </message>
</context>
<context>
    <name>Switchboard::TutorialCommand</name>
    <message>
        <source>--allow-command takes NAME=PROGRAM [ARGS...], NAME without spaces: %1</source>
        <translation>--allow-command 的格式为 NAME=PROGRAM [ARGS...]，NAME 中不能有空格：%1</translation>
    </message>
    <message>
        <source>--allow-command %1 names no program.</source>
        <translation>--allow-command %1 没有指定程序。</translation>
    </message>
</context>
<context>
    <name>Switchboard::UdpRoom</name>
    <message>
        <source>A room name is 1 to %1 characters, without control characters.</source>
        <translation>房间名为 1 到 %1 个字符，不含控制字符。</translation>
    </message>
    <message>
        <source>Cannot use UDP port %1: %2</source>
        <translation>无法使用 UDP 端口 %1：%2</translation>
    </message>
    <message>
        <source>No network interface is up.</source>
        <translation>没有已启用的网络接口。</translation>
    </message>
    <message>
        <source>None of these interfaces is up with an address: %1</source>
        <translation>这些接口都没有启用并分配地址：%1</translation>
    </message>
    <message>
        <source>Join the UDP room first.</source>
        <translation>请先加入 UDP 房间。</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>消息为空。</translation>
    </message>
    <message>
        <source>Too long for one UDP datagram: %1 bytes of text, and a datagram (with room, name and sequence number) holds at most %2 bytes. Shorten the message or split it.</source>
        <translation>超出了一个 UDP 数据报的容量：文本有 %1 字节，而一个数据报（含房间、名字和序号）最多容纳 %2 字节。请缩短消息或把它拆开。</translation>
    </message>
    <message>
        <source>%1 is in the room (from %2)</source>
        <translation>%1 在房间中（来自 %2）</translation>
    </message>
    <message>
        <source>%1 left the room</source>
        <translation>%1 离开了房间</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier message(s) from %1 never arrived</source>
        <translation>
            <numerusform>%1 之前的 %n 条消息始终没有到达</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is no longer heard</source>
        <translation>已收不到 %1 的消息</translation>
    </message>
</context>
<context>
    <name>Switchboard::UdpRoomDelegate</name>
    <message>
        <source>[%1] ⚠ message %2 from %3 missing — asked %3 to send it again</source>
        <translation>[%1] ⚠ 缺少来自 %3 的消息 %2 — 已请 %3 重新发送</translation>
    </message>
    <message>
        <source>[%1] ✖ message %2 from %3 lost — asked once, it did not come</source>
        <translation>[%1] ✖ 来自 %3 的消息 %2 已丢失 — 请求过一次，仍未收到</translation>
    </message>
    <message>
        <source>[%1] ⚠ message %2 from %3 missing</source>
        <translation>[%1] ⚠ 缺少来自 %3 的消息 %2</translation>
    </message>
    <message>
        <source>   (late: arrived after a later message, #%1)</source>
        <translation>   （迟到：在更晚的消息之后到达，#%1）</translation>
    </message>
    <message>
        <source>   (recovered: resent on request, #%1)</source>
        <translation>   （已恢复：应请求重新发送，#%1）</translation>
    </message>
</context>
<context>
    <name>Switchboard::UdpRoomDialog</name>
    <message>
        <source>Join UDP room</source>
        <translation>加入 UDP 房间</translation>
    </message>
    <message>
        <source>any name; everyone who joins the same name on your network is in it</source>
        <translation>任意名称；在你的网络中加入同一名称的人都在这个房间里</translation>
    </message>
    <message>
        <source>Every network interface</source>
        <translation>所有网络接口</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>UDP rooms need no server, and have no protection: they are unauthenticated and unencrypted. Anyone on the network can read every message and write under any name.</source>
        <translation>UDP 房间不需要服务器，也没有任何保护：它们未经认证、未加密。网络上的任何人都能读到每条消息，并能以任何名字发言。</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>Room:</source>
        <translation>房间：</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>你的名字：</translation>
    </message>
    <message>
        <source>Interface:</source>
        <translation>网络接口：</translation>
    </message>
</context>
<context>
    <name>Switchboard::UdpRoomTab</name>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>&lt;b&gt;UDP room %1&lt;/b&gt; — no server: each message is one UDP datagram to everyone on port %2 via %3</source>
        <translation>&lt;b&gt;UDP 房间 %1&lt;/b&gt; — 无服务器：每条消息都是经 %3 发往端口 %2 上所有人的一个 UDP 数据报</translation>
    </message>
    <message>
        <source>⚠ UDP rooms are unauthenticated and unencrypted: anyone on your network can read this room and write in it under any name. Do not send anything private.</source>
        <translation>⚠ UDP 房间未经认证、未加密：你网络中的任何人都能读到这个房间的内容，并能以任何名字在其中发言。请勿发送任何私密内容。</translation>
    </message>
    <message>
        <source>Peers heard in this room. Names are not verified.</source>
        <translation>在此房间中听到的对端。名字未经验证。</translation>
    </message>
    <message>
        <source>Message to everyone in the UDP room</source>
        <translation>发给 UDP 房间中所有人的消息</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>UDP: %1</source>
        <translation>UDP：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>unnamed</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>sender id %1</source>
        <translation>发送者 ID %1</translation>
    </message>
</context>
<context>
    <name>Switchboard::UploadDialog</name>
    <message>
        <source>Upload files</source>
        <translation>上传文件</translation>
    </message>
    <message>
        <source>Drop files or folders here, or add them with the buttons below.</source>
        <translation>把文件或文件夹拖到这里，或用下方的按钮添加。</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>清除已完成</translation>
    </message>
    <message>
        <source>Sharing in room %1</source>
        <translation>分享到房间 %1</translation>
    </message>
    <message>
        <source>Sending privately to %1</source>
        <translation>私发给 %1</translation>
    </message>
    <message>
        <source>Choose a room or a person to send files to.</source>
        <translation>请选择要发送文件的房间或用户。</translation>
    </message>
    <message>
        <source>Some files were skipped</source>
        <translation>部分文件被跳过</translation>
    </message>
    <message>
        <source>Choose files to upload</source>
        <translation>选择要上传的文件</translation>
    </message>
    <message>
        <source>Choose a folder to upload</source>
        <translation>选择要上传的文件夹</translation>
    </message>
</context>
<context>
    <name>Switchboard::UploadStore</name>
    <message>
        <source>Cannot create the directory %1.</source>
        <translation>无法创建目录 %1。</translation>
    </message>
    <message>
        <source>The server database is not open.</source>
        <translation>服务器数据库未打开。</translation>
    </message>
</context>
<context>
    <name>Switchboard::Uploader</name>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>未连接到服务器。</translation>
    </message>
    <message>
        <source>The server asked for an impossible offset.</source>
        <translation>服务器请求了一个不可能的偏移量。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 changed or became unreadable during the upload.</source>
        <translation>%1 在上传过程中被修改或变得不可读。</translation>
    </message>
    <message>
        <source>The connection was lost; start the upload again to resume it.</source>
        <translation>连接已断开；重新开始上传即可断点续传。</translation>
    </message>
    <message>
        <source>%1 changed during the upload.</source>
        <translation>%1 在上传过程中被修改了。</translation>
    </message>
</context>
<context>
    <name>Switchboard::UserStore</name>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>The user name is empty.</source>
        <translation>用户名为空。</translation>
    </message>
    <message>
        <source>The user name is longer than %1 characters.</source>
        <translation>用户名超过了 %1 个字符。</translation>
    </message>
    <message>
        <source>The user name must not contain spaces.</source>
        <translation>用户名不能包含空格。</translation>
    </message>
    <message>
        <source>The user name must not contain control characters.</source>
        <translation>用户名不能包含控制字符。</translation>
    </message>
    <message>
        <source>The user name must not contain &quot;%1&quot;.</source>
        <translation>用户名不能包含“%1”。</translation>
    </message>
    <message>
        <source>The user name is not in Unicode normalization form C.</source>
        <translation>用户名不符合 Unicode 规范化形式 C（NFC）。</translation>
    </message>
    <message>
        <source>The user database is not open.</source>
        <translation>用户数据库未打开。</translation>
    </message>
    <message>
        <source>The user &quot;%1&quot; already exists.</source>
        <translation>用户“%1”已存在。</translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; is taken (by &quot;%2&quot;).</source>
        <translation>用户名“%1”已被“%2”占用。</translation>
    </message>
    <message>
        <source>Cannot add the user &quot;%1&quot;: %2</source>
        <translation>无法添加用户“%1”：%2</translation>
    </message>
    <message>
        <source>Cannot update the user &quot;%1&quot;: %2</source>
        <translation>无法更新用户“%1”：%2</translation>
    </message>
    <message>
        <source>There is no user &quot;%1&quot;.</source>
        <translation>用户“%1”不存在。</translation>
    </message>
    <message>
        <source>Cannot remove the user &quot;%1&quot;: %2</source>
        <translation>无法删除用户“%1”：%2</translation>
    </message>
    <message>
        <source>Cannot store the server secret: %1</source>
        <translation>无法保存服务器密钥：%1</translation>
    </message>
    <message>
        <source>The iteration count must be between %1 and %2.</source>
        <translation>迭代次数必须在 %1 到 %2 之间。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot start a transaction: %1</source>
        <translation>无法开始事务：%1</translation>
    </message>
    <message>
        <source>not valid UTF-8</source>
        <translation>不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>expected &quot;name|md5hex&quot;</source>
        <translation>格式应为 &quot;name|md5hex&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an MD5 digest (32 hexadecimal digits)</source>
        <translation>“%1”不是 MD5 摘要（32 位十六进制数字）</translation>
    </message>
    <message>
        <source>Cannot save the imported users: %1</source>
        <translation>无法保存导入的用户：%1</translation>
    </message>
    <message>
        <source>The user name mixes letters of different scripts (such as Latin and Cyrillic).</source>
        <translation>用户名混用了不同文字的字母（如拉丁字母和西里尔字母）。</translation>
    </message>
    <message>
        <source>The user name &quot;%1&quot; is reserved.</source>
        <translation>用户名“%1”是保留名。</translation>
    </message>
    <message>
        <source>Cannot look up the user &quot;%1&quot;: %2</source>
        <translation>无法查询用户“%1”：%2</translation>
    </message>
</context>
<context>
    <name>TransferCommands</name>
    <message>
        <source>upload: share the files in ROOM.</source>
        <translation>upload：在房间 ROOM 中分享文件。</translation>
    </message>
    <message>
        <source>upload: send the files privately to USER.</source>
        <translation>upload：把文件私发给用户 USER。</translation>
    </message>
    <message>
        <source>download: save into this folder, or as this file.</source>
        <translation>download：保存到这个文件夹，或保存为这个文件。</translation>
    </message>
    <message>
        <source>Usage: upload FILE... (--room ROOM | --to USER)</source>
        <translation>用法：upload FILE... (--room ROOM | --to USER)</translation>
    </message>
    <message>
        <source>Usage: download ID [-o PATH]</source>
        <translation>用法：download ID [-o PATH]</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>未知命令“%1”。</translation>
    </message>
    <message>
        <source>%1  %2%  %3 / %4  %5/s  %6 left</source>
        <translation>%1  %2%  %3 / %4  %5/s  剩余 %6</translation>
    </message>
    <message>
        <source>%1  checking %2%</source>
        <translation>%1  正在计算校验和 %2%</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Nothing to upload.</source>
        <translation>没有要上传的内容。</translation>
    </message>
    <message>
        <source>Saved file %1 as %2 (%3 bytes)</source>
        <translation>已把文件 %1 保存为 %2（%3 字节）</translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation>连接已断开。</translation>
    </message>
    <message>
        <source>Uploaded %1 as file %2 (&quot;%3&quot;, %4 bytes, resumed at byte %5)</source>
        <translation>已上传 %1，文件号 %2（&quot;%3&quot;，%4 字节，从第 %5 字节断点续传）</translation>
    </message>
    <message>
        <source>Uploaded %1 as file %2 (&quot;%3&quot;, %4 bytes)</source>
        <translation>已上传 %1，文件号 %2（&quot;%3&quot;，%4 字节）</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder: %1</source>
        <translation>无法创建临时文件夹：%1</translation>
    </message>
    <message>
        <source>Cannot write to standard output.</source>
        <translation>无法写入标准输出。</translation>
    </message>
    <message>
        <source>Wrote file %1 to standard output (%2 bytes)</source>
        <translation>已把文件 %1 写到标准输出（%2 字节）</translation>
    </message>
</context>
<context>
    <name>UdpRoomCommand</name>
    <message>
        <source>-- message %1 from %2: %3</source>
        <translation>-- 来自 %2 的消息 %1：%3</translation>
    </message>
    <message>
        <source>udp-room: send TEXT to the room (repeatable).</source>
        <translation>udp-room：向房间发送 TEXT（可重复）。</translation>
    </message>
    <message>
        <source>udp-room: print the messages that arrive (until --count or --timeout).</source>
        <translation>udp-room：打印收到的消息（直到 --count 或 --timeout）。</translation>
    </message>
    <message>
        <source>udp-room: use interface IFACE only (repeatable; default: every up interface).</source>
        <translation>udp-room：只使用网络接口 IFACE（可重复；默认：所有已启用的接口）。</translation>
    </message>
    <message>
        <source>udp-room: the name shown to the room (default: the login name).</source>
        <translation>udp-room：在房间中显示的名字（默认：登录名）。</translation>
    </message>
    <message>
        <source>Usage: udp-room ROOM [--send TEXT]... [--stdin] [--listen] [--on IFACE] [--name NAME] [--json]</source>
        <translation>用法：udp-room ROOM [--send TEXT]... [--stdin] [--listen] [--on IFACE] [--name NAME] [--json]</translation>
    </message>
    <message>
        <source>Cannot join UDP room %1: %2</source>
        <translation>无法加入 UDP 房间 %1：%2</translation>
    </message>
    <message>
        <source>UDP room %1 on port %2 via %3. UDP rooms are unauthenticated and unencrypted: anyone on the network can read them and write in anyone&apos;s name.</source>
        <translation>UDP 房间 %1，端口 %2，经由 %3。UDP 房间未经认证、未加密：网络上的任何人都能读取它们，并能以任何人的名义发言。</translation>
    </message>
    <message>
        <source>Cannot read standard input.</source>
        <translation>无法读取标准输入。</translation>
    </message>
</context>
<context>
    <name>UserAdmin</name>
    <message>
        <source>Give the password on standard input, e.g.: echo secret | switchboard-server user add alice</source>
        <translation>请通过标准输入提供密码，例如：echo secret | switchboard-server user add alice</translation>
    </message>
    <message>
        <source>added %1</source>
        <translation>已添加 %1</translation>
    </message>
    <message>
        <source>deleted %1</source>
        <translation>已删除 %1</translation>
    </message>
    <message numerus="yes">
        <source>imported %n user(s)</source>
        <translation>
            <numerusform>已导入 %n 个用户</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: switchboard-server [--data DIR | --database URL] user add NAME | list | del NAME | import FILE</source>
        <translation>用法：switchboard-server [--data DIR | --database URL] user add NAME | list | del NAME | import FILE</translation>
    </message>
    <message>
        <source>account deleted</source>
        <translation>账号已删除</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Switchboard: chat, send files and see what goes over the wire.</source>
        <translation>Switchboard：聊天、传文件，看清网络上传输的内容。</translation>
    </message>
    <message>
        <source>Preselect hosting a server on this computer (127.0.0.1).</source>
        <translation>预先选中“在本机运行服务器”（127.0.0.1）。</translation>
    </message>
    <message>
        <source>Server to prefill, HOST:PORT.</source>
        <translation>预先填入的服务器，格式为 HOST:PORT。</translation>
    </message>
    <message>
        <source>User name to prefill.</source>
        <translation>预先填入的用户名。</translation>
    </message>
    <message>
        <source>Data directory of the embedded server.</source>
        <translation>内置服务器的数据目录。</translation>
    </message>
    <message>
        <source>Switchboard server: chat rooms, private messages and file transfer over a framed TCP protocol.</source>
        <translation>Switchboard 服务器：基于分帧 TCP 协议的聊天室、私聊和文件传输。</translation>
    </message>
    <message>
        <source>Listen on HOST:PORT (repeatable; port 0 picks a free port; [::1]:PORT for IPv6). Default 127.0.0.1:5151.</source>
        <translation>监听 HOST:PORT（可重复指定；端口 0 表示自动选一个空闲端口；IPv6 用 [::1]:PORT）。默认 127.0.0.1:5151。</translation>
    </message>
    <message>
        <source>Directory for all server state (database, uploads). Default: %1.</source>
        <translation>存放全部服务器状态（数据库、上传的文件）的目录。默认：%1。</translation>
    </message>
    <message>
        <source>Largest frame header accepted, in bytes (default 65536).</source>
        <translation>允许的最大帧报头，单位为字节（默认 65536）。</translation>
    </message>
    <message>
        <source>Largest frame payload accepted, in bytes (default 16777216).</source>
        <translation>允许的最大帧载荷，单位为字节（默认 16777216）。</translation>
    </message>
    <message>
        <source>Disconnect clients that send no hello within MS milliseconds (default 10000).</source>
        <translation>断开 MS 毫秒内没有发送 hello 的客户端（默认 10000）。</translation>
    </message>
    <message>
        <source>Disconnect clients silent for MS milliseconds; 0 never (default 90000).</source>
        <translation>断开 MS 毫秒内没有任何数据的客户端；0 表示永不断开（默认 90000）。</translation>
    </message>
    <message>
        <source>Do not let clients create accounts (use &quot;user add&quot; or &quot;user import&quot;).</source>
        <translation>不允许客户端注册账号（请改用 &quot;user add&quot; 或 &quot;user import&quot;）。</translation>
    </message>
    <message>
        <source>Add the chat robot &quot;robot&quot; to the lobby.</source>
        <translation>把聊天机器人 &quot;robot&quot; 加入 lobby 房间。</translation>
    </message>
    <message>
        <source>Messages replayed to a client joining a room (default 50).</source>
        <translation>客户端加入房间时补发的历史消息条数（默认 50）。</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;; try --help.</source>
        <translation>未知命令“%1”；请尝试 --help。</translation>
    </message>
    <message>
        <source>A numeric option has an invalid value.</source>
        <translation>某个数值选项的值无效。</translation>
    </message>
    <message>
        <source>Bytes of files each user may store; 0 for no limit (default 21474836480 = 20 GiB).</source>
        <translation>每个用户可存储的文件字节数；0 表示不限（默认 21474836480 = 20 GiB）。</translation>
    </message>
    <message>
        <source>Largest file accepted, in bytes; 0 for no limit (default 4294967296 = 4 GiB).</source>
        <translation>允许的最大文件，单位为字节；0 表示不限（默认 4294967296 = 4 GiB）。</translation>
    </message>
    <message>
        <source>--quota and --max-upload-size take a number of bytes.</source>
        <translation>--quota 和 --max-upload-size 的值必须是字节数。</translation>
    </message>
    <message>
        <source>Also speak the socket tutorials&apos; protocols on HOST:PORT, TCP and UDP (repeatable): text answered by the robot, struct.pack(&apos;i&apos;) + JSON head uploads, UDP upper-case echo.</source>
        <translation>同时在 HOST:PORT 上提供 socket 教程里的协议，TCP 和 UDP 都支持（可重复指定）：文本消息由机器人回答，用 struct.pack(&apos;i&apos;) + JSON 报头上传文件，UDP 转大写回显。</translation>
    </message>
    <message>
        <source>Drop a client that stops reading once this many bytes wait unsent to it; 0 for no bound, else at least 1048576 (default 8388608 = 8 MiB).</source>
        <translation>当等待发往某客户端的未发送字节达到此数时断开这个不再读取的客户端；0 表示不限制，否则至少 1048576（默认 8388608 = 8 MiB）。</translation>
    </message>
    <message>
        <source>Disconnect clients that have not logged in SECONDS after their hello; 0 never (default 60).</source>
        <translation>在 hello 之后 SECONDS 秒仍未登录的客户端将被断开；0 表示从不（默认 60）。</translation>
    </message>
    <message>
        <source>Refuse connections from an address beyond N that have not logged in; 0 no limit (default 64).</source>
        <translation>同一地址未登录的连接超过 N 个时拒绝新连接；0 表示不限制（默认 64）。</translation>
    </message>
    <message>
        <source>Chat messages stored in one transaction at most (group commit; each is acknowledged after its transaction); 1 stores each alone (default %1).</source>
        <translation>一个事务中最多保存的聊天消息数（组提交；每条消息在其事务提交后确认）；1 表示逐条保存（默认 %1）。</translation>
    </message>
    <message>
        <source>Uploads and downloads one account may have open at once (each holds a file); 0 for no limit (default 16).</source>
        <translation>一个账号可同时进行的上传和下载数（每个占用一个文件）；0 表示不限制（默认 16）。</translation>
    </message>
    <message>
        <source>Uploads and downloads open at once, all accounts together; 0 for no limit (default: half the open-file limit, now %1).</source>
        <translation>所有账号合计可同时进行的上传和下载数；0 表示不限制（默认：打开文件数上限的一半，当前为 %1）。</translation>
    </message>
    <message>
        <source>Accounts one address may create per hour; 0 for no limit (default %1).</source>
        <translation>每个地址每小时可创建的账号数；0 表示不限制（默认 %1）。</translation>
    </message>
    <message>
        <source>Refuse registrations once the server has N accounts; 0 for no limit (default %1).</source>
        <translation>服务器账号数达到 N 后拒绝注册；0 表示不限制（默认 %1）。</translation>
    </message>
    <message>
        <source>Disk space uploads leave free for the database: an offer needs its size plus BYTES free, and an upload stops with disk_full below half of it (default 67108864 = 64 MiB).</source>
        <translation>上传为数据库保留的磁盘空间：上传请求需要其大小再加 BYTES 的空闲空间，低于其一半时上传以 disk_full 停止（默认 67108864 = 64 MiB）。</translation>
    </message>
    <message>
        <source>Write every connection&apos;s traffic (read chunks as delivered) to FILE as pcapng; Wireshark decodes it with the Switchboard dissector (switchboard.lua, installed with the package).</source>
        <translation>把每个连接的流量（按送达时的读取数据块）以 pcapng 格式写入 FILE；Wireshark 用 Switchboard 解析器（switchboard.lua，随软件包安装）解码。</translation>
    </message>
    <message>
        <source>Serve plaintext instead of TLS, for teaching the raw protocol: chat and files cross the network readable by anyone on the path.</source>
        <translation>以明文代替 TLS 提供服务，用于教学原始协议：聊天和文件在网络上传输时，路径上的任何人都能读取。</translation>
    </message>
    <message>
        <source>TLS certificate chain, PEM (e.g. certbot&apos;s fullchain.pem); with --tls-key. Default: a self-signed certificate generated once in the data directory.</source>
        <translation>TLS 证书链，PEM 格式（例如 certbot 的 fullchain.pem）；需配合 --tls-key。默认：在数据目录中生成一次的自签名证书。</translation>
    </message>
    <message>
        <source>The certificate&apos;s private key, PEM, unencrypted (e.g. certbot&apos;s privkey.pem).</source>
        <translation>证书的私钥，PEM 格式，未加密（例如 certbot 的 privkey.pem）。</translation>
    </message>
    <message>
        <source>Connections from ADDRESS or SUBNET (e.g. 10.0.0.5 or 10.0.0.0/8; repeatable) are a reverse proxy&apos;s: each must start with a PROXY protocol header (v1 or v2, as haproxy&apos;s send-proxy-v2 or nginx&apos;s proxy_protocol write it), whose client address is then used.</source>
        <translation>来自 ADDRESS 或 SUBNET（例如 10.0.0.5 或 10.0.0.0/8；可重复）的连接属于反向代理：每个连接必须以 PROXY 协议报头开始（v1 或 v2，即 haproxy 的 send-proxy-v2 或 nginx 的 proxy_protocol 所写），之后使用其中的客户端地址。</translation>
    </message>
    <message>
        <source>Do not announce this server on the LAN nor answer discovery queries (UDP port 5152).</source>
        <translation>不在局域网上通告此服务器，也不应答发现查询（UDP 端口 5152）。</translation>
    </message>
    <message>
        <source>Announce on interface IFACE only (repeatable). Default: every up interface the server listens on.</source>
        <translation>只在网络接口 IFACE 上通告（可重复）。默认：服务器所监听的所有已启用接口。</translation>
    </message>
    <message>
        <source>Milliseconds between announcements after the first few (default 60000).</source>
        <translation>前几次之后两次通告之间的毫秒数（默认 60000）。</translation>
    </message>
    <message>
        <source>The name this server announces (default: the host name).</source>
        <translation>此服务器通告的名称（默认：主机名）。</translation>
    </message>
    <message>
        <source>Read options from FILE first, one &quot;option = value&quot; per line (e.g. /etc/switchboard/server.conf); the command line overrides it.</source>
        <translation>先从 FILE 读取选项，每行一个“option = value”（例如 /etc/switchboard/server.conf）；命令行优先。</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together, and not with --no-tls.</source>
        <translation>--tls-cert 和 --tls-key 必须同时使用，且不能与 --no-tls 一起使用。</translation>
    </message>
    <message>
        <source>--announce-interval takes 100 to 86400000 milliseconds.</source>
        <translation>--announce-interval 的取值为 100 到 86400000 毫秒。</translation>
    </message>
    <message>
        <source>--join-key, --allow-command, --command-timeout and --command-max-output need --tutorial.</source>
        <translation>--join-key、--allow-command、--command-timeout 和 --command-max-output 需要与 --tutorial 一起使用。</translation>
    </message>
    <message>
        <source>Cannot read the join key %1: %2</source>
        <translation>无法读取加入密钥 %1：%2</translation>
    </message>
    <message>
        <source>The join key file %1 is empty.</source>
        <translation>加入密钥文件 %1 是空的。</translation>
    </message>
    <message>
        <source>--command-timeout takes 1 to 3600000 ms, --command-max-output 1 to 1073741824 bytes.</source>
        <translation>--command-timeout 的取值为 1 到 3600000 ms，--command-max-output 为 1 到 1073741824 字节。</translation>
    </message>
    <message>
        <source>Refuse clients beyond N connections (default %1).</source>
        <translation>超过 N 个连接时拒绝新客户端（默认 %1）。</translation>
    </message>
    <message>
        <source>The server&apos;s event loop: epoll (Linux; its cost does not grow with idle connections) or qt (Qt&apos;s own, poll() over every socket). Default: %1.</source>
        <translation>服务器的事件循环：epoll（Linux；其开销不随空闲连接增多而增长）或 qt（Qt 自带的，对每个套接字 poll()）。默认：%1。</translation>
    </message>
    <message>
        <source>With --tutorial: every TCP client must first answer os.urandom(32) with its HMAC under the key in FILE (HMAC-MD5 as Python 2&apos;s hmac.new(key, msg), or HMAC-SHA256), or is closed. The key is the file&apos;s bytes without one trailing newline.</source>
        <translation>与 --tutorial 一起使用：每个 TCP 客户端必须先用 FILE 中的密钥计算 os.urandom(32) 的 HMAC 作为应答（HMAC-MD5，同 Python 2 的 hmac.new(key, msg)，或 HMAC-SHA256），否则连接被关闭。密钥为该文件的字节内容，去掉末尾的一个换行符。</translation>
    </message>
    <message>
        <source>With --tutorial: text equal to NAME runs PROGRAM with exactly ARGS (split like a command line, never given to a shell) and is answered struct.pack(&apos;i&apos;) length + output (repeatable; none by default).</source>
        <translation>与 --tutorial 一起使用：等于 NAME 的文本会以 ARGS 原样运行 PROGRAM（像命令行一样拆分，绝不交给 shell），并以 struct.pack(&apos;i&apos;) 长度 + 输出作答（可重复；默认没有）。</translation>
    </message>
    <message>
        <source>Milliseconds an allowed command may run before it is killed (default %1).</source>
        <translation>允许的命令被终止前最多可运行的毫秒数（默认 %1）。</translation>
    </message>
    <message>
        <source>Bytes of output an allowed command may write before it is killed (default %1).</source>
        <translation>允许的命令被终止前最多可输出的字节数（默认 %1）。</translation>
    </message>
    <message>
        <source>--event-loop takes epoll (Linux only) or qt.</source>
        <translation>--event-loop 的值为 epoll（仅限 Linux）或 qt。</translation>
    </message>
    <message>
        <source>The database: postgresql://USER@HOST:PORT/DB (several servers may share it), sqlite:PATH or a PATH. Default: switchboard.db in the data directory.</source>
        <translation>数据库：postgresql://USER@HOST:PORT/DB（可由多个服务器共享）、sqlite:PATH 或一个路径。默认：数据目录中的 switchboard.db。</translation>
    </message>
    <message>
        <source>Read the PostgreSQL password from the first line of FILE (never on the command line). Default: the environment variable SWITCHBOARD_DATABASE_PASSWORD, else none (the database server&apos;s own authentication).</source>
        <translation>从 FILE 的第一行读取 PostgreSQL 密码（绝不在命令行中给出）。默认：环境变量 SWITCHBOARD_DATABASE_PASSWORD，否则不使用密码（由数据库服务器自己认证）。</translation>
    </message>
    <message>
        <source>Store uploaded files in DIR instead of &lt;data&gt;/files: a directory shared by every node of a cluster (with one shared database), so a file uploaded through one node downloads through any other.</source>
        <translation>把上传的文件存放在 DIR 而不是 &lt;data&gt;/files：一个由集群所有节点共享的目录（配合共享数据库），这样经一个节点上传的文件可以经任何其他节点下载。</translation>
    </message>
    <message>
        <source>Share presence, rooms and deliveries with the other nodes through Redis at URL (redis://HOST:PORT; docs/CLUSTER.md).</source>
        <translation>通过位于 URL 的 Redis 与其他节点共享在线状态、房间和消息投递（redis://HOST:PORT；见 docs/CLUSTER.md）。</translation>
    </message>
    <message>
        <source>This node&apos;s name in the cluster (default: host name:process id).</source>
        <translation>本节点在集群中的名称（默认：主机名:进程号）。</translation>
    </message>
    <message>
        <source>Account administration instead of serving: user add NAME (password on stdin) | user list | user del NAME | user import FILE (tutorials&apos; userinfo: name|md5hex). With --cluster: kick NAME [REASON] ends NAME&apos;s sessions on every node.</source>
        <translation>不提供服务，而是管理账号：user add NAME（密码从标准输入读取）| user list | user del NAME | user import FILE（教程里的 userinfo 格式：name|md5hex）。配合 --cluster：kick NAME [REASON] 结束 NAME 在所有节点上的会话。</translation>
    </message>
</context>
</TS>
