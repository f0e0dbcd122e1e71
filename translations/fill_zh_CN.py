#!/usr/bin/env python3
"""Fill translations/switchboard_zh_CN.ts from the dictionary in this file.

Workflow (see translations/README.md):
    ninja -C BUILD update_translations      # lupdate: adds new source texts as "unfinished"
    python3 translations/fill_zh_CN.py      # fills the ones this dictionary knows
    ninja -C BUILD release_translations     # lrelease: reports what is still untranslated

The script edits the .ts file in place, textually, so lupdate's own layout is kept
and a later lupdate run produces no spurious diff. It only touches messages that are
unfinished (type="unfinished"); finished translations (for instance ones corrected by
hand in Qt Linguist) are left alone unless --force is given. Unfinished messages it
has no translation for are listed at the end, and the exit code is 1 if there are any
(0 otherwise), so it can be used as a check.

Dictionary lookup order for a message: (context, source) in CONTEXT, then source in
GENERAL. For a plural (%n) message the value is the single Chinese numerus form.

Options:
    --ts PATH     the .ts file (default: switchboard_zh_CN.ts next to this script)
    --force       also overwrite finished translations that differ from the dictionary
    --dry-run     do not write, only report
    --list        print every unfinished source text (context, source) as a Python
                  literal, ready to be pasted into the dictionary
"""

import argparse
import html
import os
import re
import sys

# ---------------------------------------------------------------------------
# Terminology (keep consistent):
#   frame 帧 · header 报头 · payload 载荷 · length prefix 长度前缀 · chunk 数据块
#   datagram 数据报 · sticky packets 粘包 · split (across reads) 拆分 · capture 抓包/捕获
#   record 记录 · peer 对端 · stream 数据流/流 · offset 偏移量 · No. 序号
#   write/read (OS calls) 写入/读取 · log in 登录 · register 注册 · room 房间
#   private message 私聊 · upload 上传 · download 下载 · resume 断点续传/继续
#   checksum 校验和 · hash 哈希值 · nonce 随机数 · salt 盐值 · iteration count 迭代次数
# Style: full-width Chinese punctuation （），：；。“” around Chinese text; ASCII
# quotes kept around protocol/JSON identifiers ("type", "room"); a space between
# Chinese and numbers/Latin words ("%1 字节"); "…" kept as one U+2026; menu
# accelerators as 文件(&F).
# ---------------------------------------------------------------------------

GENERAL = {
    'IP fragments: %1 datagrams put back together, %2 given up (incomplete, too old or too large), %3 bytes sent twice.':
    'IP 分片：%1 个数据报已重组，%2 个被放弃（不完整、过旧或过大），%3 字节重复发送。',
    'IP fragments: %1 datagrams put back together, %2 given up.': 'IP 分片：%1 个数据报已重组，%2 个被放弃。',
    'Cannot read %1: %2': '无法读取 %1：%2',
    'Usage: switchboard-server --cluster redis://HOST:PORT kick NAME [REASON]':
    '用法：switchboard-server --cluster redis://HOST:PORT kick NAME [REASON]',
    'kick needs --cluster redis://HOST:PORT (the Redis of a running cluster)':
    'kick 需要 --cluster redis://HOST:PORT（正在运行的集群所用的 Redis）',
    'Redis at %1 did not answer; %2 was not kicked': '%1 上的 Redis 没有应答；未能踢出 %2',
    'no node is connected to %1: nobody to kick': '没有节点连接到 %1：无人可踢',
    'kicked %1 on %n node(s)': '已在 %n 个节点上踢出 %1',
    'account deleted': '账号已删除',
    'Conversations in the capture': '抓包中的会话',
    'Reading the capture': '正在读取抓包文件',
    'The database %1 is unreachable; the next attempt is in %2 ms.': '数据库 %1 无法连接；%2 毫秒后再次尝试。',
    'Cannot reconnect to the database %1: %2': '无法重新连接数据库 %1：%2',
    'Framing down (server → client)': '下行分帧（服务器 → 客户端）',
    'What the reads show': '读取结果说明',
    'Chunks as delivered and messages reassembled': '系统交付的数据块与重组后的消息',
    'Reassembled messages': '重组后的消息',
    '&Listen on': '监听地址(&L)',
    '&forward to': '转发到(&F)',
    'Running proxies': '运行中的代理',
    'Connections through the proxies': '经过代理的连接',
    'Chosen connection': '所选连接',
    'The database is busy: %1 calls are waiting.': '数据库繁忙：有 %1 个调用在等待。',
    'The connection to the database %1 was lost.': '与数据库 %1 的连接已断开。',
    'The database is not open.': '数据库未打开。',
    'Read the password from the first line of FILE.': '从 FILE 的第一行读取密码。',
    'Password: ': '密码： ',
    'Password for %1: ': '%1 的密码： ',
    'No password: set SWITCHBOARD_PASSWORD, or use --password-file FILE or --password-stdin.': '没有密码：请设置 SWITCHBOARD_PASSWORD，或使用 --password-file FILE 或 --password-stdin。',
    # Trust, private rooms, discovery, packaging (issues 9, 11, 12)
    "Switchboard command-line client.\n\nCommands:\n  ping [--count N]                 measure the round-trip time to the server\n  register                         create the account --user (password as for login)\n  send ROOM TEXT...                send each TEXT to ROOM (or to --to USER: send TEXT...)\n  send --stdin ROOM                send one message per line read from standard input\n  listen ROOM [--count N]          print each new message in ROOM as one JSON line\n  upload FILE... --room ROOM | --to USER\n  download ID [-o PATH]\n  room create NAME [--private]     create a room; a private one is yours to manage\n  room invite NAME USER [--share-history]\n  room remove NAME USER            take USER off a private room's access list\n  room owner NAME USER             hand a private room over to USER\n  room members NAME                list a room's members (the owner marked)\n  discover [--timeout MS]          print each server found on the LAN as one JSON line\n\nThe password comes from the environment variable SWITCHBOARD_PASSWORD, from a file with\n--password-file, or from the first line of standard input with --password-stdin (asked\nfor without echo at a terminal). It never leaves this computer.\n\nConnections use TLS. A server seen for the first time is trusted and its certificate\nfingerprint recorded (printed to standard error); a server whose certificate changed\nis refused. Compare the fingerprint with the one the server logs at start.": 'Switchboard 命令行客户端。\n\n命令：\n  ping [--count N]                 测量到服务器的往返时间\n  register                         创建账号 --user（密码与登录时相同）\n  send ROOM TEXT...                把每个 TEXT 发送到 ROOM（或用 --to USER：send TEXT...）\n  send --stdin ROOM                从标准输入每读一行发送一条消息\n  listen ROOM [--count N]          把 ROOM 的每条新消息打印为一行 JSON\n  upload FILE... --room ROOM | --to USER\n  download ID [-o PATH]\n  room create NAME [--private]     创建房间；私密房间由你管理\n  room invite NAME USER [--share-history]\n  room remove NAME USER            把 USER 从私密房间的访问名单中移除\n  room owner NAME USER             把私密房间移交给 USER\n  room members NAME                列出房间成员（标出房主）\n  discover [--timeout MS]          把局域网上找到的每台服务器打印为一行 JSON\n\n密码取自环境变量 SWITCHBOARD_PASSWORD，或用 --password-file 从文件读取，\n或用 --password-stdin 从标准输入的第一行读取（在终端上输入时不回显）。\n密码绝不会离开这台计算机。\n\n连接使用 TLS。首次见到的服务器会被信任，\n并记录其证书指纹（打印到标准错误）；证书发生变化的服务器\n会被拒绝。请把指纹与服务器启动时记录的指纹相比较。',
    'Connect without TLS, to a server started with --no-tls (teaching the raw protocol).': '不使用 TLS 连接，用于以 --no-tls 启动的服务器（教学原始协议）。',
    'Refuse servers not in the known-servers file (unless --fingerprint names them).': '拒绝不在已知服务器文件中的服务器（除非 --fingerprint 指定了它们）。',
    'Trust the server whose certificate has this fingerprint (repeatable).': '信任证书具有此指纹的服务器（可重复）。',
    'The known-servers file (default %1).': '已知服务器文件（默认 %1）。',
    'ping, register, send, listen, upload, download, room or discover.': 'ping、register、send、listen、upload、download、room 或 discover。',
    'Not a fingerprint: %1 (expected SHA256: and 43 base64 characters).': '不是指纹：%1（应为 SHA256: 加 43 个 base64 字符）。',
    'New server %1: trusted on first use, certificate fingerprint %2 recorded in %3. Compare it with the one the server logs.': '新服务器 %1：首次使用即信任，证书指纹 %2 已记录在 %3。请与服务器日志中的指纹比较。',
    '%n failed login attempt(s) since your last login, the last from %1 at %2': '自上次登录以来有 %n 次登录失败，最近一次来自 %1，时间 %2',
    'discover: query on interface IFACE only (repeatable; default: every up interface).': 'discover：只在网络接口 IFACE 上查询（可重复；默认：所有已启用的接口）。',
    'Cannot listen for servers on UDP port %1: %2': '无法在 UDP 端口 %1 上监听服务器：%2',
    'Truncated simple packet block at offset %1.': '偏移量 %1 处的简单数据包块被截断。',
    'room create: a private room (you own it).': 'room create：私密房间（归你所有）。',
    'room invite: let USER read what was said before (owner only).': 'room invite：让 USER 阅读之前的聊天记录（仅房主）。',
    'Usage: room create NAME [--private] | room invite NAME USER [--share-history] | room remove NAME USER | room owner NAME USER | room members NAME': '用法：room create NAME [--private] | room invite NAME USER [--share-history] | room remove NAME USER | room owner NAME USER | room members NAME',
    'Refused (%1): %2': '被拒绝（%1）：%2',
    'Disconnected: %1': '已断开：%1',
    'created %1': '已创建 %1',
    '%1 (owner)': '%1（房主）',
    '%1 %2 %3': '%1 %2 %3',
    'Timed out.': '超时。',
    'Not connected.': '未连接。',
    'No TLS handshake within %1 s: does this server use TLS (not --no-tls), and is this the right port?': '%1 秒内未完成 TLS 握手：该服务器是否使用 TLS（不是 --no-tls），端口是否正确？',
    'The TLS handshake failed (%1). Does this server use TLS? A server started with --no-tls does not; connect unencrypted to reach it.': 'TLS 握手失败（%1）。该服务器使用 TLS 吗？以 --no-tls 启动的服务器不使用；请以不加密方式连接它。',
    'The server presented no certificate.': '服务器没有出示证书。',
    "%1 is not a known server and unknown servers are refused (--strict-tls). Its certificate fingerprint is %2; if the server's operator confirms it, connect with --fingerprint %2.": '%1 不是已知服务器，未知服务器会被拒绝（--strict-tls）。它的证书指纹是 %2；如果服务器管理员确认无误，请用 --fingerprint %2 连接。',
    "The server's certificate (%1) was not trusted.": '服务器的证书（%1）未被信任。',
    'If the server uses TLS (the default), connect with encryption on.': '如果服务器使用 TLS（默认），请开启加密连接。',
    'Create room…': '创建房间…',
    'Double-click a user to chat privately; right-click to invite to a private room.': '双击用户可私聊；右键可邀请其加入私密房间。',
    'Invitation': '邀请',
    '%1 invited you to the private room %2.': '%1 邀请你加入私密房间 %2。',
    'You left the private room %1.': '你已离开私密房间 %1。',
    '%1 removed you from the private room %2.': '%1 已把你移出私密房间 %2。',
    '# %1  (%2, private)': '# %1  （%2，私密）',
    '# %1  (private, not joined)': '# %1  （私密，未加入）',
    'Chat privately': '私聊',
    'Invite to room…': '邀请加入房间…',
    'Invite to room': '邀请加入房间',
    'Invite %1 to the private room:': '邀请 %1 加入私密房间：',
    'Private: only people you invite can see and join it': '私密：只有你邀请的人能看到并加入',
    'Create room': '创建房间',
    'letters, digits, _ - .': '字母、数字、_ - .',
    'Room name:': '房间名：',
    'Create': '创建',
    'Cannot create the database %1.': '无法创建数据库 %1。',
    'The database is not open.': '数据库未打开。',
    'Servers on your network (click one to connect):': '你所在网络中的服务器（点击即可连接）：',
    'Looking for servers on your network…': '正在查找网络中的服务器…',
    '%1 (%2 port %3)': '%1（%2 端口 %3）',
    '%1\nAddresses: %2\nServer id: %3%4': '%1\n地址：%2\n服务器 ID：%3%4',
    '\nTLS on': '\n已启用 TLS',
    'Only this computer': '仅本机',
    'My local network': '我的局域网',
    '"Only this computer" listens on 127.0.0.1: nobody else can connect. "My local network" listens on every network interface, so teammates can join (they find it in their login window, or type one of the addresses shown).': '“仅本机”监听 127.0.0.1：其他人无法连接。“我的局域网”监听所有网络接口，队友可以加入（他们会在登录窗口中看到它，或输入显示的某个地址）。',
    'This computer has no network address now: only programs on it can connect.': '这台计算机目前没有网络地址：只有本机上的程序能连接。',
    'Teammates can connect to: %1': '队友可以连接到：%1',
    'Save the capture for Wireshark (Help ▸ Install Wireshark dissector decodes it there)': '保存抓包供 Wireshark 使用（“帮助 ▸ 安装 Wireshark 解析器”后即可在其中解码）',
    'Decrypted (TLS)': '已解密（TLS）',
    'This connection is encrypted with TLS. The inspector shows the chunks and frames as they travel inside it; on the network they are unreadable TLS records.': '此连接已用 TLS 加密。查看器显示的是加密通道内部的数据块和帧；在网络上它们是无法读取的 TLS 记录。',
    'TCP, decrypted (TLS): shown as inside the encrypted stream': 'TCP，已解密（TLS）：显示的是加密流内部的内容',
    'Unencrypted (for teaching)': '不加密（用于教学）',
    'Start a Switchboard server inside this program, so you can chat at once; choose below who may join it.': '在本程序内启动一个 Switchboard 服务器，立即开始聊天；在下方选择谁可以加入。',
    'Connect without TLS, to a server started with --no-tls, to study the raw protocol. Anyone on the network can then read your chat and files.': '不使用 TLS 连接以 --no-tls 启动的服务器，用于学习原始协议。此时网络上的任何人都能读到你的聊天和文件。',
    'Unencrypted: chat and files will cross the network in clear text.': '不加密：聊天和文件将以明文在网络上传输。',
    'Enter your user name and password for %1, then Log in.': '请输入你在 %1 上的用户名和密码，然后登录。',
    '&Stop server': '停止服务器(&S)',
    '&Create room…': '创建房间(&C)…',
    'Install &Wireshark dissector': '安装 Wireshark 解析器(&W)',
    'Wireshark dissector': 'Wireshark 解析器',
    'Installed as %1.\nWireshark and tshark started from now on decode Switchboard captures (File ▸ Open a saved .pcapng).': '已安装为 %1。\n此后启动的 Wireshark 和 tshark 都能解码 Switchboard 抓包（文件 ▸ 打开保存的 .pcapng）。',
    'This version is already installed as %1.': '此版本已安装为 %1。',
    'Could not install the dissector: %1': '无法安装解析器：%1',
    'Not listening on IPv6: %1': '未在 IPv6 上监听：%1',
    'Unencrypted (for teaching): chat and files cross the network in clear text.': '不加密（用于教学）：聊天和文件以明文在网络上传输。',
    'TLS certificate fingerprint: %1': 'TLS 证书指纹：%1',
    'New server': '新服务器',
    'This is your first connection to %1. Is it the server you mean?': '这是你第一次连接 %1。它是你要连接的服务器吗？',
    "Its certificate fingerprint is:\n%1\n\nCompare it with the fingerprint the server's operator sees (switchboard-server prints it when it starts). If they match, trust the server: Switchboard remembers it and warns you if it ever changes.": '它的证书指纹是：\n%1\n\n请与服务器管理员看到的指纹比较（switchboard-server 启动时会打印）。如果一致，请信任该服务器：Switchboard 会记住它，并在它发生变化时警告你。',
    'Trust and connect': '信任并连接',
    'Port %1 is in use': '端口 %1 已被占用',
    'Another program on this computer (perhaps another Switchboard server) already uses port %1, so the server cannot start there.\n\nStart it on a free port instead? Teammates then need the new port number.': '这台计算机上的另一个程序（也许是另一个 Switchboard 服务器）已在使用端口 %1，服务器无法在该端口启动。\n\n改用一个空闲端口启动吗？队友随后需要使用新的端口号。',
    'Use a free port': '使用空闲端口',
    'Port %1 is in use: choose another port, or close the program using it.': '端口 %1 已被占用：请选择其他端口，或关闭占用它的程序。',
    'Server stopped': '服务器已停止',
    'The server in this program has stopped.': '本程序内的服务器已停止。',
    'The secure connection failed: %1 If the server runs unencrypted (for teaching), tick "Unencrypted".': '安全连接失败：%1 如果服务器以不加密方式运行（用于教学），请勾选“不加密”。',
    'Server certificate changed': '服务器证书已更改',
    "Stopped: the server's certificate changed. See the explanation.": '已停止：服务器的证书已更改。请查看说明。',
    'Not connected: the server was not trusted.': '未连接：服务器未被信任。',
    'Too many accounts were created from this address. Try again in %n minute(s).': '从该地址创建的账号太多。请在 %n 分钟后重试。',
    'Too many accounts were created from this address. Try again later.': '从该地址创建的账号太多。请稍后重试。',
    'This server has as many accounts as it allows. Ask its administrator.': '该服务器的账号数已达上限。请联系其管理员。',
    'Encrypted (%1)': '已加密（%1）',
    '%1\nServer certificate: %2': '%1\n服务器证书：%2',
    'Unencrypted': '不加密',
    'Anyone on the network can read this chat and its files.': '网络上的任何人都能读到这些聊天和文件。',
    'Remove': '移除',
    'Make owner': '设为房主',
    "Take the selected member off this private room's list.": '把选中的成员从此私密房间的名单中移除。',
    'Hand this room over to the selected member.': '把此房间移交给选中的成员。',
    'Hand over room': '移交房间',
    'Make %1 the owner of %2? You will no longer manage its members.': '把 %1 设为 %2 的房主？你将不再管理其成员。',
    'Members of %1 (private)': '%1 的成员（私密）',
    'Stop server': '停止服务器',
    'Stop the server: everyone connected to it is disconnected.': '停止服务器：所有连接到它的人都会断开。',
    'Reachable at: %1 (from this computer only)': '可访问地址：%1（仅限本机）',
    'Reachable at: %1': '可访问地址：%1',
    'Cannot set up TLS: %1': '无法设置 TLS：%1',
    "this session's trusted servers": '本次会话信任的服务器',
    "The certificate of %1 has CHANGED since you last connected. Someone may be intercepting the connection (a man-in-the-middle attack), or the server's certificate was replaced. The connection was stopped before anything was sent.\nExpected fingerprint: %2\nPresented fingerprint: %3\nAsk the server's operator for its fingerprint (switchboard-server logs it at start). If the new one is right, remove the line for %1 from %4 and connect again.": '自你上次连接以来，%1 的证书已经更改。可能有人在拦截连接（中间人攻击），也可能是服务器更换了证书。连接已在发送任何内容之前停止。\n预期指纹：%2\n出示的指纹：%3\n请向服务器管理员询问其指纹（switchboard-server 启动时会记录）。如果新指纹正确，请从 %4 中删除 %1 那一行，然后重新连接。',
    'The user name mixes letters of different scripts (such as Latin and Cyrillic).': '用户名混用了不同文字的字母（如拉丁字母和西里尔字母）。',
    'The user name "%1" is reserved.': '用户名“%1”是保留名。',
    'Cannot look up the user "%1": %2': '无法查询用户“%1”：%2',
    'Drop a client that stops reading once this many bytes wait unsent to it; 0 for no bound, else at least 1048576 (default 8388608 = 8 MiB).': '当等待发往某客户端的未发送字节达到此数时断开这个不再读取的客户端；0 表示不限制，否则至少 1048576（默认 8388608 = 8 MiB）。',
    'Disconnect clients that have not logged in SECONDS after their hello; 0 never (default 60).': '在 hello 之后 SECONDS 秒仍未登录的客户端将被断开；0 表示从不（默认 60）。',
    'Refuse connections from an address beyond N that have not logged in; 0 no limit (default 64).': '同一地址未登录的连接超过 N 个时拒绝新连接；0 表示不限制（默认 64）。',
    'Chat messages stored in one transaction at most (group commit; each is acknowledged after its transaction); 1 stores each alone (default %1).': '一个事务中最多保存的聊天消息数（组提交；每条消息在其事务提交后确认）；1 表示逐条保存（默认 %1）。',
    'Uploads and downloads one account may have open at once (each holds a file); 0 for no limit (default 16).': '一个账号可同时进行的上传和下载数（每个占用一个文件）；0 表示不限制（默认 16）。',
    'Uploads and downloads open at once, all accounts together; 0 for no limit (default: half the open-file limit, now %1).': '所有账号合计可同时进行的上传和下载数；0 表示不限制（默认：打开文件数上限的一半，当前为 %1）。',
    'Accounts one address may create per hour; 0 for no limit (default %1).': '每个地址每小时可创建的账号数；0 表示不限制（默认 %1）。',
    'Refuse registrations once the server has N accounts; 0 for no limit (default %1).': '服务器账号数达到 N 后拒绝注册；0 表示不限制（默认 %1）。',
    'Disk space uploads leave free for the database: an offer needs its size plus BYTES free, and an upload stops with disk_full below half of it (default 67108864 = 64 MiB).': '上传为数据库保留的磁盘空间：上传请求需要其大小再加 BYTES 的空闲空间，低于其一半时上传以 disk_full 停止（默认 67108864 = 64 MiB）。',
    "Write every connection's traffic (read chunks as delivered) to FILE as pcapng; Wireshark decodes it with the Switchboard dissector (switchboard.lua, installed with the package).": '把每个连接的流量（按送达时的读取数据块）以 pcapng 格式写入 FILE；Wireshark 用 Switchboard 解析器（switchboard.lua，随软件包安装）解码。',
    'Serve plaintext instead of TLS, for teaching the raw protocol: chat and files cross the network readable by anyone on the path.': '以明文代替 TLS 提供服务，用于教学原始协议：聊天和文件在网络上传输时，路径上的任何人都能读取。',
    "TLS certificate chain, PEM (e.g. certbot's fullchain.pem); with --tls-key. Default: a self-signed certificate generated once in the data directory.": 'TLS 证书链，PEM 格式（例如 certbot 的 fullchain.pem）；需配合 --tls-key。默认：在数据目录中生成一次的自签名证书。',
    "The certificate's private key, PEM, unencrypted (e.g. certbot's privkey.pem).": '证书的私钥，PEM 格式，未加密（例如 certbot 的 privkey.pem）。',
    "Connections from ADDRESS or SUBNET (e.g. 10.0.0.5 or 10.0.0.0/8; repeatable) are a reverse proxy's: each must start with a PROXY protocol header (v1 or v2, as haproxy's send-proxy-v2 or nginx's proxy_protocol write it), whose client address is then used.": '来自 ADDRESS 或 SUBNET（例如 10.0.0.5 或 10.0.0.0/8；可重复）的连接属于反向代理：每个连接必须以 PROXY 协议报头开始（v1 或 v2，即 haproxy 的 send-proxy-v2 或 nginx 的 proxy_protocol 所写），之后使用其中的客户端地址。',
    'Do not announce this server on the LAN nor answer discovery queries (UDP port 5152).': '不在局域网上通告此服务器，也不应答发现查询（UDP 端口 5152）。',
    'Announce on interface IFACE only (repeatable). Default: every up interface the server listens on.': '只在网络接口 IFACE 上通告（可重复）。默认：服务器所监听的所有已启用接口。',
    'Milliseconds between announcements after the first few (default 60000).': '前几次之后两次通告之间的毫秒数（默认 60000）。',
    'The name this server announces (default: the host name).': '此服务器通告的名称（默认：主机名）。',
    'Read options from FILE first, one "option = value" per line (e.g. /etc/switchboard/server.conf); the command line overrides it.': '先从 FILE 读取选项，每行一个“option = value”（例如 /etc/switchboard/server.conf）；命令行优先。',
    '--tls-cert and --tls-key go together, and not with --no-tls.': '--tls-cert 和 --tls-key 必须同时使用，且不能与 --no-tls 一起使用。',
    '--announce-interval takes 100 to 86400000 milliseconds.': '--announce-interval 的取值为 100 到 86400000 毫秒。',
    'The message is too long.': '消息太长。',
    'That is not a valid room name.': '这不是有效的房间名。',
    'Join the room first.': '请先加入该房间。',
    'There is no such user.': '没有这个用户。',
    'The server did not confirm it in time.': '服务器未能及时确认。',
    # Connecting never hangs (issue 8)
    'Cannot connect to %1 (%2): %3': '无法连接到 %1（%2）：%3',
    'Cannot connect to %1:%2 (%3): %4': '无法连接到 %1:%2（%3）：%4',
    'The server did not accept the connection within %1 s.': '服务器在 %1 秒内未接受连接。',
    'No answer from a Switchboard server within %1 s: is this the right port?%2': '%1 秒内没有收到 Switchboard 服务器的应答：端口是否正确？%2',
    'This is not a Switchboard server.%1': '这不是 Switchboard 服务器。%1',
    'Cancelled.': '已取消。',
    'The server did not answer with a Switchboard hello.%1': '服务器没有以 Switchboard 的 hello 应答。%1',
    'It sent: "%1"': '它发送了：“%1”',
    'The server closed the connection without a Switchboard hello.%1': '服务器未发送 Switchboard 的 hello 就关闭了连接。%1',
    'Discarded at logout.': '已在注销时丢弃。',
    'The database driver %1 of QtSql is not available.': 'QtSql 的数据库驱动 %1 不可用。',
    'Cannot read the schema version of %1.': '无法读取 %1 的数据库结构版本。',
    'The database %1 has schema version %2, newer than this Switchboard knows (%3); use a newer Switchboard.': '数据库 %1 的结构版本为 %2，比本版 Switchboard 所知的版本（%3）更新；请使用更新版本的 Switchboard。',
    'Cannot start a transaction on %1: %2': '无法在 %1 上开始事务：%2',
    'Cannot apply database migration %1 (%2) to %3: %4': '无法对 %3 执行数据库迁移 %1（%2）：%4',
    'Stop connecting or logging in.': '停止连接或登录。',
    '%n unsent message(s) are kept for %1 and will be sent when %1 logs in again.': '为 %1 保留了 %n 条未发送的消息，%1 再次登录时会发送。',
    '%1 Check the port: another program answers there.': '%1 请检查端口：那里应答的是另一个程序。',
    'The server accepted the connection but never answered as a Switchboard server. Check the port.': '服务器接受了连接，但始终没有以 Switchboard 服务器的身份应答。请检查端口。',
    'The server database is not open.': '服务器数据库未打开。',
    # --- shared / generic -------------------------------------------------
    'Cannot open the database %1: %2': '无法打开数据库 %1：%2',
    'Cannot prepare the database %1: %2': '无法初始化数据库 %1：%2',
    'Cannot connect to %1: %2': '无法连接到 %1：%2',
    'Cannot connect to %1:%2: %3': '无法连接到 %1:%2：%3',
    'Disconnected: %1': '已断开连接：%1',
    'Timed out.': '超时。',
    'Unknown command "%1"; try --help.': '未知命令“%1”；请尝试 --help。',
    'Unknown command "%1".': '未知命令“%1”。',
    'Error (%1): %2': '错误（%1）：%2',
    'Not sent (%1): %2': '未发送（%1）：%2',
    'Cannot open %1: %2': '无法打开 %1：%2',
    'Cannot read %1.': '无法读取 %1。',
    'Cannot read %1: %2': '无法读取 %1：%2',
    'Cannot write %1: %2': '无法写入 %1：%2',
    'Cannot create the directory %1.': '无法创建目录 %1。',
    'Could not write the capture file: %1': '无法写入抓包文件：%1',
    'Not connected to a server.': '未连接到服务器。',
    'There is no user "%1".': '用户“%1”不存在。',
    'No upload %1 is in progress.': '没有正在进行的上传 %1。',
    'The iteration count must be between %1 and %2.': '迭代次数必须在 %1 到 %2 之间。',
    'The client nonce contains characters SCRAM does not allow.': '客户端随机数（nonce）包含 SCRAM 不允许的字符。',
    'Wrong user name or password.': '用户名或密码错误。',
    'Send': '发送',
    'Server': '服务器',
    'Switchboard': 'Switchboard',
    'Frame': '帧',
    'Frames': '帧',
    'Peer': '对端',
    'Time': '时间',
    'Resume': '继续',
    'Pause': '暂停',
    'Clear finished': '清除已完成',
    '%1 of %2': '%1 / %2',
    '← in': '← 收到',
    'Ctrl+J': 'Ctrl+J',

    # --- ChatBot (it answers messages containing 你好 / 名字 / 时间) -------------
    'Hello! I am %1. Ask me my name or the time.': '你好！我是 %1。可以问我的名字或现在的时间。',
    'My name is %1, the Switchboard robot.': '我的名字是 %1，Switchboard 机器人。',
    'It is %1.': '现在是 %1。',
    "I don't know what to say yet.": '我还不知道该说什么。',

    # --- CliRunner --------------------------------------------------------
    'Switchboard command-line client.\n\nCommands:\n'
    '  ping [--count N]                 measure the round-trip time to the server\n'
    '  register                         create the account --user (password as for login)\n'
    '  send ROOM TEXT...                send each TEXT to ROOM (or to --to USER: send TEXT...)\n'
    '  send --stdin ROOM                send one message per line read from standard input\n'
    '  listen ROOM [--count N]          print each new message in ROOM as one JSON line\n'
    '  upload FILE... --room ROOM | --to USER\n'
    '  download ID [-o PATH]\n\n'
    'The password comes from the environment variable SWITCHBOARD_PASSWORD, or from the first\n'
    'line of standard input with --password-stdin. It never leaves this computer.':
    'Switchboard 命令行客户端。\n\n命令：\n'
    '  ping [--count N]                 测量到服务器的往返时间\n'
    '  register                         注册 --user 指定的账号（密码的提供方式与登录相同）\n'
    '  send ROOM TEXT...                把每个 TEXT 发送到房间 ROOM（私聊用 --to USER：send TEXT...）\n'
    '  send --stdin ROOM                从标准输入逐行读取，每行作为一条消息发送\n'
    '  listen ROOM [--count N]          把 ROOM 中的每条新消息输出为一行 JSON\n'
    '  upload FILE... --room ROOM | --to USER\n'
    '  download ID [-o PATH]\n\n'
    '密码取自环境变量 SWITCHBOARD_PASSWORD，使用 --password-stdin 时取自标准输入的第一行。\n'
    '密码绝不会离开这台计算机。',
    'Server to connect to (default 127.0.0.1:5151).': '要连接的服务器（默认 127.0.0.1:5151）。',
    'User name to log in as.': '登录用的用户名。',
    'Read the password from the first line of standard input.': '从标准输入的第一行读取密码。',
    'send: read messages from standard input, one per line.': 'send：从标准输入读取消息，每行一条。',
    'ping: how many pings (default 4); listen: exit after N messages.': 'ping：发送几次 ping（默认 4）；listen：收到 N 条消息后退出。',
    'Give up connecting or logging in after MS milliseconds (default 10000).': '连接或登录超过 MS 毫秒后放弃（默认 10000）。',
    'ping, register, send, listen, upload or download.': 'ping、register、send、listen、upload 或 download。',
    'No command given; try --help.': '未指定命令；请尝试 --help。',
    'Give the user name with --user NAME.': '请用 --user NAME 指定用户名。',
    'No password: set SWITCHBOARD_PASSWORD or use --password-stdin.': '没有密码：请设置 SWITCHBOARD_PASSWORD 或使用 --password-stdin。',
    'registered %1': '已注册 %1',
    'send needs a ROOM (or --to USER).': 'send 需要指定 ROOM（或 --to USER）。',
    'send needs the text to send (or --stdin).': 'send 需要指定要发送的文本（或 --stdin）。',
    'listen needs a ROOM.': 'listen 需要指定 ROOM。',
    'Login failed (%1): %2 (retry in %3 s)': '登录失败（%1）：%2（%3 秒后可重试）',
    'Login failed (%1): %2': '登录失败（%1）：%2',
    'pong from %1: time=%2 ms': '来自 %1 的 pong：时间=%2 ms',
    '%1 pings: min %2 ms, avg %3 ms, max %4 ms': '%1 次 ping：最短 %2 ms，平均 %3 ms，最长 %4 ms',

    # --- Endpoint ---------------------------------------------------------
    'Expected [IPv6]:PORT, got "%1".': '格式应为 [IPv6]:端口，实际为“%1”。',
    'Put IPv6 addresses in brackets: [::1]:PORT.': 'IPv6 地址要放在方括号里：[::1]:端口。',
    'Expected HOST:PORT, got "%1".': '格式应为 主机:端口，实际为“%1”。',

    # --- FileCollector ----------------------------------------------------
    'No such file or folder: %1': '文件或文件夹不存在：%1',

    # --- FrameDecoder -----------------------------------------------------
    "The frame's length prefix is zero.": '帧的长度前缀为零。',
    "The frame's header is longer than the limit.": '帧的报头长度超过上限。',
    "The frame's payload is larger than the limit.": '帧的载荷大小超过上限。',
    "The frame's header is not valid UTF-8.": '帧的报头不是有效的 UTF-8。',
    "The frame's header is not valid JSON.": '帧的报头不是有效的 JSON。',
    "The frame's header is not a JSON object.": '帧的报头不是 JSON 对象。',
    'The frame\'s header has no "type" string.': '帧的报头缺少字符串字段 "type"。',
    'The frame\'s "size" is not a non-negative integer.': '帧的 "size" 不是非负整数。',

    # --- FrameDissector ---------------------------------------------------
    'incomplete: %n byte(s) of the 4-byte length prefix': '不完整：4 字节长度前缀只收到 %n 字节',
    'Length prefix': '长度前缀',
    '%1 (header length, 4 bytes big-endian: %2)': '%1（报头长度，4 字节大端序：%2）',
    'Header': '报头',
    'incomplete: %1 of %2 bytes': '不完整：%1 / %2 字节',
    'incomplete frame': '不完整的帧',
    'not a JSON object: %1': '不是 JSON 对象：%1',
    'Payload': '载荷',
    '%1 of %2 bytes': '%1 / %2 字节',
    '%n byte(s)': '%n 字节',
    '(incomplete)': '（不完整）',

    # --- PcapngReader / PcapngWriter / CaptureFileWriter ------------------
    'Truncated block at offset %1.': '偏移量 %1 处的块被截断。',
    'Truncated section header at offset %1.': '偏移量 %1 处的节头块被截断。',
    'Bad byte-order magic at offset %1.': '偏移量 %1 处的字节序魔数无效。',
    'The file does not start with a pcapng section header.': '文件开头不是 pcapng 节头块。',
    'Bad block length %1 at offset %2.': '偏移量 %2 处的块长度 %1 无效。',
    'Block lengths disagree at offset %1.': '偏移量 %1 处的块首尾长度不一致。',
    'Truncated interface description at offset %1.': '偏移量 %1 处的接口描述块被截断。',
    'Truncated packet block at offset %1.': '偏移量 %1 处的数据包块被截断。',
    'Packet longer than its block at offset %1.': '偏移量 %1 处的数据包长度超出了所在的块。',
    'The capture file is not open for writing.': '抓包文件未以写入方式打开。',
    'Cannot create the capture file %1: %2': '无法创建抓包文件 %1：%2',
    'Export cancelled.': '导出已取消。',

    # --- StreamAnalyzer ---------------------------------------------------
    # chunkWord() results are spliced into sentences ("%3 %4", "One %1", "every %3",
    # "of this %4"), so they carry the measure word 次: "3 次写入", "一次写入", "每次写入".
    'unknown type': '未知类型',
    'frame No. %1 (%2)': '第 %1 号帧（%2）',
    'frame at offset %1 (%2)': '偏移量 %1 处的帧（%2）',
    '%1 frames went out in one write (No. %2, %3 bytes) — the receiver may well read them together '
    '(sticky packets) and must split them using the length prefixes.':
    '%1 个帧在一次写入中发出（序号 %2，%3 字节）——接收方很可能一次就把它们一起读到（粘包），'
    '必须依据长度前缀把它们拆开。',
    '%1 frames arrived in one read (No. %2, %3 bytes) — sticky packets: the receiver must split them '
    'using the length prefixes.':
    '%1 个帧在一次读取中到达（序号 %2，%3 字节）——粘包：接收方必须依据长度前缀把它们拆开。',
    'One %1 (No. %2, %3 bytes) carried parts of %4 frames, %5 of them whole — sticky packets: frame '
    'boundaries fall inside the %1.':
    '一%1（序号 %2，%3 字节）携带了 %4 个帧的数据，其中 %5 个是完整的——粘包：帧边界落在这%1的内部。',
    '%1, %2 bytes, was split across %3 %4 (No. %5): the receiver must wait for the rest before it can '
    'decode it.':
    '%1共 %2 字节，被拆分到 %3 %4中（序号 %5）：接收方必须等剩余部分到达后才能解码。',
    '1 frame': '1 个帧',
    '%1 frames': '%1 个帧',
    'No data was captured for this direction of the connection.': '该连接的这个方向没有捕获到数据。',
    '%1, %2: every %3 carried whole frames only, no frame was split — no sticky packets here.':
    '%1，%2：每%3都只携带完整的帧，没有帧被拆分——这里没有粘包。',
    '%1, %2: %3 %4 carried more than one frame (sticky packets), %5 split across %6.':
    '%1，%2：%3 %4携带了不止一个帧（粘包），%5被拆分到多%6中。',
    '1 frame was': '1 个帧',
    '%1 frames were': '%1 个帧',

    # --- AuthService ------------------------------------------------------
    'Too many failed logins. Try again in %n second(s).': '登录失败次数过多。请在 %n 秒后重试。',
    'This server does not allow registration.': '该服务器不允许注册。',
    'Already logged in.': '已经登录。',
    'Only SCRAM-SHA-256 is supported.': '只支持 SCRAM-SHA-256。',
    'Send auth.start first.': '请先发送 auth.start。',

    # --- CaptureModel -----------------------------------------------------
    'chunk': '数据块',
    'frame': '帧',
    'datagram': '数据报',
    'error': '错误',
    'event': '事件',
    '→ out': '→ 发出',
    '  + %1 B payload': '  + %1 B 载荷',
    '%1 of %2 B, stream bytes %3–%4   %5': '%1 %2 B，流字节 %3–%4   %5',
    'datagram of %1 B   %2': '数据报 %1 B   %2',
    'No. %1, connection %2, %3\nlocal %4:%5, peer %6': '序号 %1，连接 %2，%3\n本地 %4:%5，对端 %6',
    '(dropped)': '（已丢弃）',
    'No.': '序号',
    'Direction': '方向',
    'Type': '类型',
    'Length': '长度',
    'Summary': '摘要',

    # --- ChatClient / ChatServer / ChatService / ClientSession -------------
    'The server sent a malformed frame (%1): %2': '服务器发来了格式错误的帧（%1）：%2',
    'Disconnected by the user.': '用户主动断开了连接。',
    'The server closed the connection.': '服务器关闭了连接。',
    'The server is shutting down.': '服务器正在关闭。',
    '%1: malformed frame (%2), disconnecting': '%1：帧格式错误（%2），断开连接',
    '%1: refused, server full (%2 clients)': '%1：已拒绝，服务器已满（%2 个客户端）',
    'The server is full (%1 clients).': '服务器已满（%1 个客户端）。',
    '%1 (%2): kicked': '%1（%2）：已踢出',
    'Send a hello frame first.': '请先发送 hello 帧。',
    'Hello was already received.': '已经收到过 hello。',
    'Unknown message type "%1".': '未知的消息类型 "%1"。',
    'Log in first.': '请先登录。',
    '%1: no common protocol version': '%1：没有双方都支持的协议版本',
    'This server speaks protocol version %1 only.': '本服务器只支持协议版本 %1。',
    '%1: no hello within %2 ms, disconnecting': '%1：%2 ms 内未收到 hello，断开连接',
    'No hello received in time.': '未能及时收到 hello。',
    '%1: silent for %2 s, disconnecting': '%1：已 %2 秒没有数据，断开连接',
    'No frame received in time (send ping to keep alive).': '未能及时收到任何帧（请发送 ping 保持连接）。',
    "Room names are 1 to 64 letters, digits, '_', '-' or '.'.":
    "房间名须由 1 到 64 个字母、数字、'_'、'-' 或 '.' 组成。",
    'You are not in room "%1".': '你不在房间“%1”中。',
    'Join room "%1" to read its history.': '加入房间“%1”后才能查看它的历史消息。',
    'History needs "room" or "with".': '查询历史消息需要 "room" 或 "with"。',
    'A message needs a "text" string.': '消息需要字符串字段 "text"。',
    'The message is empty.': '消息为空。',
    'The message is longer than %1 bytes.': '消息超过了 %1 字节。',
    'Invalid room name.': '房间名无效。',
    'Join room "%1" before sending to it.': '请先加入房间“%1”再向它发送消息。',
    'A message needs "room" or "to".': '消息需要 "room" 或 "to"。',
    'The message could not be stored: %1': '无法保存消息：%1',
    "The server's identity could not be verified.": '无法验证服务器的身份。',
    'The message is too long to send.': '消息太长，无法发送。',

    # --- ChatTab / ChatView / MessageInput / MessageDelegate ---------------
    'waiting to send': '等待发送',
    'Not sent: %1': '未发送：%1',
    '%1 · click to download': '%1 · 点击下载',
    'Download %1 (%2)': '下载 %1（%2）',
    'Join room…': '加入房间…',
    'Rooms': '房间',
    'Online users': '在线用户',
    'Double-click a room to open it.': '双击房间即可打开。',
    'Double-click a user to chat privately.': '双击用户即可私聊。',
    '%1 in %2': '%1（%2）',
    '%1 joined %2': '%1 加入了 %2',
    '%1 left %2': '%1 离开了 %2',
    '%1 (you)': '%1（你）',
    'Join room': '加入房间',
    'Room name (created if it does not exist):': '房间名（不存在时自动创建）：',
    'Type a message. Enter sends, Shift+Enter starts a new line.': '输入消息。按 Enter 发送，Shift+Enter 换行。',

    # --- Credentials ------------------------------------------------------
    'Unsupported credential scheme %1.': '不支持的凭据方案 %1。',
    'The salt must have %1 to %2 bytes.': '盐值长度必须为 %1 到 %2 字节。',
    'StoredKey and ServerKey must have %1 bytes each.': 'StoredKey 和 ServerKey 必须各为 %1 字节。',

    # --- DownloadDialog / Downloader ---------------------------------------
    'Downloads': '下载',
    'Choose…': '选择…',
    'Save into:': '保存到：',
    'Open folder': '打开文件夹',
    'Save downloads into': '选择下载保存位置',
    'File %1': '文件 %1',
    'The server started at an unexpected offset.': '服务器从意外的偏移量开始发送。',
    'The server sent data out of order.': '服务器发送的数据顺序错乱。',
    'The server sent more than %1 bytes ahead of the acknowledgements.': '服务器发送的数据超出已确认部分 %1 字节以上。',
    'Received %1 of %2 bytes.': '只收到了 %1 / %2 字节。',
    "The downloaded data does not match the file's checksum.": '下载的数据与文件的校验和不一致。',
    'Cannot replace %1.': '无法替换 %1。',
    'Cannot move the download to %1.': '无法把下载的文件移动到 %1。',
    'Cannot move the download into %1.': '无法把下载的文件移入 %1。',
    'The connection was lost; start the download again to resume it.': '连接已断开；重新开始下载即可断点续传。',

    # --- FramingLab -------------------------------------------------------
    # Grid rows read: [拆分于字节] [6] [然后等待] [500 ms]
    #                 [与后续] [2 个帧] [合并为一次写入]
    'Number the frames ("id" counts up)': '给帧编号（"id" 递增）',
    'Send as one write': '一次写入全部发送',
    'Split at byte': '拆分于字节',
    'Coalesce with the next': '与后续',
    "Nagle's algorithm (the OS may hold back and merge small writes)": 'Nagle 算法（操作系统可能暂缓并合并小块写入）',
    'Send held frames now': '立即发送暂存的帧',
    'More header members as a JSON object, e.g. {"room": "lobby"}': '其他报头字段，写成 JSON 对象，例如 {"room": "lobby"}',
    'Payload text (optional; sets "size")': '载荷文本（可选；会设置 "size"）',
    'The first write carries bytes 0..K-1, the second the rest.': '第一次写入发送第 0..K-1 字节，第二次发送其余部分。',
    ' ms': ' ms',
    ' frames': ' 个帧',
    'Type:': '类型：',
    'Header:': '报头：',
    'Payload:': '载荷：',
    'How it goes on the wire': '在线路上如何发送',
    'then wait': '然后等待',
    'into one write': '合并为一次写入',
    'Not connected: connect to a server to use the lab.': '未连接：连接到服务器后才能使用分帧实验室。',
    'The connection is closed.': '连接已关闭。',
    "Frames go to %1 through the client's connection; watch the replies in Packets and Stream.":
    '帧会通过客户端的连接发往 %1；可在“数据包”和“数据流”中查看回复。',
    'The header is not valid JSON: %1': '报头不是有效的 JSON：%1',
    'The header must be a JSON object.': '报头必须是 JSON 对象。',
    '%1 bytes on the wire: 4 (length prefix) + %2 (header) + %3 (payload).':
    '线路上共 %1 字节：4（长度前缀）+ %2（报头）+ %3（载荷）。',
    'First write: bytes 0–%1 (highlighted), then after %2 ms bytes %1–%3.':
    '第一次写入：第 0–%1 字节（高亮部分），%2 ms 后再写入第 %1–%3 字节。',
    'The cut is inside the length prefix.': '切分点位于长度前缀内。',
    'The cut is inside the JSON header.': '切分点位于 JSON 报头内。',
    'The cut is inside the payload.': '切分点位于载荷内。',
    'This frame and the next %1 are held, then written together in one write (%2 held now).':
    '本帧和后续 %1 个帧会先暂存，再在一次写入中一起发出（当前已暂存 %2 个）。',
    'Not sent: the connection is closed.': '未发送：连接已关闭。',
    'Sent %1 bytes in one write.': '已在一次写入中发送 %1 字节。',
    'Sent bytes 0–%1; the remaining %2 bytes follow in %3 ms.': '已发送第 0–%1 字节；其余 %2 字节将在 %3 ms 后发送。',
    'Holding %1 of %2 frames.': '已暂存 %1 / %2 个帧。',
    'Sent %1 frames (%2 bytes) in one write.': '已在一次写入中发送 %1 个帧（%2 字节）。',
    "Nagle's algorithm is on: small writes may be merged by the OS.": 'Nagle 算法已开启：操作系统可能会合并小块写入。',
    "Nagle's algorithm is off: every write is sent at once.": 'Nagle 算法已关闭：每次写入都会立即发出。',

    # --- HexView ----------------------------------------------------------
    'No bytes': '无数据',

    # --- InspectorWidget --------------------------------------------------
    'All records': '全部记录',
    'Chunks (reads and writes)': '数据块（读取和写入）',
    'Frames and errors': '帧和错误',
    'Errors and events': '错误和事件',
    'Datagrams': '数据报',
    'outgoing': '发出',
    'incoming': '收到',
    'Which kinds of record to list': '要列出哪些种类的记录',
    'Any type': '任意类型',
    'Frame type, e.g. chat.send, or a prefix such as chat.*': '帧类型，例如 chat.send，或 chat.* 这样的前缀',
    'Both directions': '双向',
    '← Incoming': '← 收到',
    '→ Outgoing': '→ 发出',
    'Part of the peer address, e.g. 127.0.0.1 or :5151': '对端地址的一部分，例如 127.0.0.1 或 :5151',
    'Search text': '搜索文本',
    'Text in the type, peer, header JSON, chunk data or error message (not case-sensitive)':
    '在类型、对端、报头 JSON、数据块内容或错误消息中查找（不区分大小写）',
    'Show:': '显示：',
    'Stop recording new traffic (what is captured stays)': '停止记录新的流量（已捕获的内容保留）',
    'Clear': '清空',
    'Forget everything captured so far': '丢弃目前捕获的全部内容',
    'Auto-scroll': '自动滚动',
    'Export pcapng…': '导出 pcapng…',
    'Save the capture for Wireshark (open it with resources/switchboard.lua)':
    '保存抓包结果供 Wireshark 使用（配合 resources/switchboard.lua 打开）',
    'Copy': '复制',
    'Copy as hex': '复制为十六进制',
    'Copy as JSON': '复制为 JSON',
    'Field': '字段',
    'Value': '值',
    'Bytes': '字节',
    'Packets': '数据包',
    'Stream': '数据流',
    'Framing lab': '分帧实验室',
    'Custom': '自定义',
    '%1 records': '%1 条记录',
    '%1 shown': '显示 %1 条',
    '%1 dropped (oldest first)': '已丢弃 %1 条（最早的先丢）',
    'paused': '已暂停',
    '%1 not recorded while paused': '暂停期间未记录 %1 条',
    'filtering…': '正在过滤…',
    'exporting %1%': '正在导出 %1%',
    '%1–%2': '%1–%2',
    'No. %1': '序号 %1',
    '%1 %2, connection %3': '%1的 %2，连接 %3',
    'Local': '本地',
    'Transport': '传输层',
    'UDP': 'UDP',
    'TCP': 'TCP',
    'Stream offset': '流偏移量',
    'Write': '写入',
    'Read': '读取',
    '%1 bytes as the OS %2 them, stream bytes %3–%4': '操作系统%2的 %1 字节，流字节 %3–%4',
    'accepted': '接受',
    'delivered': '交付',
    '0–%1': '0–%1',
    '(1 frame)': '（1 个帧）',
    '(%1 frames)': '（%1 个帧）',
    'whole frame': '完整的帧',
    'start of the frame': '帧的开头',
    'end of the frame': '帧的结尾',
    'middle of the frame': '帧的中间部分',
    '%1: bytes %2–%3 of this %4': '%1：本%4的第 %2–%3 字节',
    'Datagram': '数据报',
    '%1 bytes': '%1 字节',
    'Error': '错误',
    'Event': '事件',
    'At stream offset': '所在流偏移量',
    'Show stream': '显示数据流',
    'Only this peer': '只看此对端',
    'Only type “%1”': '只看类型“%1”',
    'Export capture': '导出抓包',
    'pcapng capture (*.pcapng);;All files (*)': 'pcapng 抓包文件 (*.pcapng);;所有文件 (*)',
    'Exported %1 packets to %2': '已导出 %1 个数据包到 %2',
    'Export failed: %1': '导出失败：%1',

    # --- LoginPanel -------------------------------------------------------
    'Host a server on this computer': '在本机运行服务器',
    'Log in': '登录',
    'Register': '注册',
    'Chat, send files and see what goes over the wire.': '聊天、传文件，看清网络上传输的内容。',
    'Server address, e.g. 192.168.1.20': '服务器地址，例如 192.168.1.20',
    'Start a Switchboard server inside this program on 127.0.0.1, so you can chat at once and others on '
    'this computer can join.':
    '在本程序内于 127.0.0.1 启动一个 Switchboard 服务器，你可以马上开始聊天，本机上的其他人也能加入。',
    'User name': '用户名',
    'Password': '密码',
    'Port': '端口',
    'Enter a user name and a password.': '请输入用户名和密码。',
    "Enter the server's address.": '请输入服务器地址。',

    # --- MainWindow -------------------------------------------------------
    'Account %1 created. Logging in…': '账号 %1 已创建。正在登录…',
    '&File': '文件(&F)',
    'Log &out': '退出登录(&O)',
    '&Quit': '退出(&Q)',
    '&Chat': '聊天(&C)',
    '&Join room…': '加入房间(&J)…',
    '&Leave room': '离开房间(&L)',
    '&View': '视图(&V)',
    '&Server panel': '服务器面板(&S)',
    '&Help': '帮助(&H)',
    '&About Switchboard': '关于 Switchboard(&A)',
    'About Switchboard': '关于 Switchboard',
    '<b>Switchboard</b> %1<br>Chat, send files and see what goes over the wire.<br>Protocol: '
    'length-prefixed JSON frames (docs/PROTOCOL.md).':
    '<b>Switchboard</b> %1<br>聊天、传文件，看清网络上传输的内容。<br>协议：带长度前缀的 JSON 帧'
    '（docs/PROTOCOL.md）。',
    'Server started on %1': '服务器已在 %1 上启动',
    'Could not start the server: %1': '无法启动服务器：%1',
    'Creating account %1 on %2:%3…': '正在 %2:%3 上创建账号 %1…',
    'Connecting to %1:%2…': '正在连接 %1:%2…',
    'Cannot reach the server: %1. Check the address and port, or host a server on this computer.':
    '无法连接服务器：%1。请检查地址和端口，或在本机运行服务器。',
    'Wrong user name or password. New here? Click Register.': '用户名或密码错误。新用户？请点击“注册”。',
    'Too many failed attempts: this account is locked for %n second(s).': '失败次数过多：该账号已被锁定 %n 秒。',
    'Too many failed attempts: this account is locked for a while. %1': '失败次数过多：该账号暂时被锁定。%1',
    'This server speaks another protocol version: %1': '该服务器使用不同的协议版本：%1',
    'The server is full. Try again later.': '服务器已满，请稍后再试。',
    'That user name is taken. Choose another, or click Log in if it is yours.':
    '该用户名已被占用。请换一个；如果这是你的账号，请点击“登录”。',
    'This server does not allow registration. Ask its administrator for an account.':
    '该服务器不允许注册。请向服务器管理员申请账号。',
    'Invalid user name: %1': '用户名无效：%1',
    'Login failed: %1': '登录失败：%1',
    'Switchboard — %1@%2': 'Switchboard — %1@%2',
    'Offline': '离线',
    'Connecting…': '正在连接…',
    'Logging in…': '正在登录…',
    'Online as %1 on %2': '已在 %2 上以 %1 身份在线',
    'Connection lost — reconnecting…': '连接已断开——正在重新连接…',
    '%n message(s) waiting to be sent': '%n 条消息等待发送',

    # --- ScramClient / ScramServer -----------------------------------------
    'The user name is empty or invalid.': '用户名为空或无效。',
    'The login steps were called out of order.': '登录步骤的调用顺序错误。',
    'The server sent a malformed login message.': '服务器发来的登录消息格式错误。',
    'The server requires a login extension this client does not support.': '服务器要求使用本客户端不支持的登录扩展。',
    "The server's nonce does not continue the client's nonce.": '服务器的随机数不是以客户端的随机数开头的。',
    'The server sent an invalid salt.': '服务器发来的盐值无效。',
    'The server asked for an iteration count outside the accepted range.': '服务器要求的迭代次数超出了可接受的范围。',
    'The derived key has the wrong size.': '派生密钥的长度不正确。',
    'The server rejected the login.': '服务器拒绝了登录。',
    'The server could not prove that it knows the account; it may be an impostor.':
    '服务器无法证明它知道该账号，它可能是冒充的。',
    'The server asked for %1 iterations; this client accepts %2 to %3.': '服务器要求 %1 次迭代；本客户端只接受 %2 到 %3 次。',
    'The server rejected the login (%1).': '服务器拒绝了登录（%1）。',
    'The login service is not configured.': '登录服务未配置。',
    'The login steps arrived out of order.': '登录步骤到达的顺序错误。',
    'The login message is malformed.': '登录消息格式错误。',
    'Channel binding is not supported; use the GS2 header "n,,".': '不支持通道绑定；请使用 GS2 报头 "n,,"。',
    'Logging in on behalf of another user is not supported.': '不支持代替其他用户登录。',
    'The login message requires an unsupported extension.': '登录消息要求使用不支持的扩展。',
    'The user name is not encoded correctly.': '用户名编码不正确。',
    'The channel binding data does not match.': '通道绑定数据不匹配。',
    'The nonce does not match the challenge.': '随机数与质询不匹配。',

    # --- ServerPanel / ServerRuntime ----------------------------------------
    'Kick': '踢出',
    'Address': '地址',
    'User': '用户',
    'Since': '连接时间',
    'Server log': '服务器日志',
    'No server is running in this program.': '本程序中没有运行服务器。',
    'Hosting on %1 — %n client(s) connected': '正在 %1 上运行——已连接 %n 个客户端',
    '(not logged in)': '（未登录）',
    "You were disconnected by the server's host.": '服务器的运行者断开了你的连接。',
    'Cannot create the data directory %1.': '无法创建数据目录 %1。',
    '%1 logged in from %2': '%1 从 %2 登录',
    'failed login for %1 from %2': '%1 从 %2 登录失败',
    'new account: %1': '新账号：%1',
    'Not an IP address: %1': '不是 IP 地址：%1',
    'Cannot listen on %1: %2': '无法监听 %1：%2',

    # --- StreamDiagram / StreamHasher / StreamView ---------------------------
    "Select a chunk or frame in the packet list to see how this connection's bytes were delivered and "
    "reassembled.":
    '在数据包列表中选择一个数据块或帧，即可查看该连接的字节是如何交付和重组的。',
    'No. %1 · %2 B · bytes %3–%4': '序号 %1 · %2 B · 字节 %3–%4',
    '?': '?',
    'No. %1 · %2 · %3 B': '序号 %1 · %2 · %3 B',
    '%1 · %2 B': '%1 · %2 B',
    '(continues)': '（续）',
    '⋯ %1 bytes not captured ⋯': '⋯ %1 字节未捕获 ⋯',
    'Writes handed to the OS (%1)': '交给操作系统的写入（%1）',
    'Reads as the OS delivered them (%1)': '操作系统交付的读取（%1）',
    'Frames in these writes (%1)': '这些写入中的帧（%1）',
    'Frames reassembled from them (%1)': '从中重组出的帧（%1）',
    '%1 is shorter than expected.': '%1 比预期的短。',
    'Incoming (reads)': '收到（读取）',
    'Outgoing (writes)': '发出（写入）',
    'Reload': '重新加载',
    "Collect the connection's records again (new traffic is not added automatically).":
    '重新收集该连接的记录（新的流量不会自动加入）。',
    'Click a note to select its record in the packet list.': '点击一条说明，即可在数据包列表中选中对应的记录。',
    'several frames in one read or write': '一次读写中有多个帧',
    'frame split across reads or writes': '帧被拆分到多次读写中',
    'where a read or write ends inside a frame': '读写在帧内部结束的位置',
    'where a frame ends inside a read or write': '帧在读写内部结束的位置',
    'No connection selected': '未选择连接',
    'Connection %1': '连接 %1',
    'Connection %1 with %2': '与 %2 的连接 %1',

    # --- Transfer / TransferList / TransferDelegate / TransferService ---------
    'Queued': '排队中',
    'Checking': '计算校验和',
    'Waiting for the server': '等待服务器',
    'Transferring': '传输中',
    'Paused': '已暂停',
    'Verifying': '校验中',
    'Done': '已完成',
    'Failed': '失败',
    'Cancelled': '已取消',
    '%n of %1 file(s) done': '已完成 %n/%1 个文件',
    '%n failed': '%n 个失败',
    'Cancel': '取消',
    'Stop this transfer and discard what was sent': '停止此传输并丢弃已发送的数据',
    '%1 h %2 min left': '剩余 %1 小时 %2 分',
    '%1 min %2 s left': '剩余 %1 分 %2 秒',
    '%1 s left': '剩余 %1 秒',
    '%1/s': '%1/s',
    'Failed: %1': '失败：%1',
    'Continue this transfer': '继续此传输',
    'Retry': '重试',
    'Try again, continuing where the data stopped': '重试，从中断处断点续传',
    'Hold this transfer': '暂停此传输',
    '"fileSize" must be a non-negative integer.': '"fileSize" 必须是非负整数。',
    'Give exactly one of "room" and "to".': '"room" 和 "to" 必须且只能给出一个。',
    'You are not in the room "%1".': '你不在房间“%1”中。',
    '%1 resumes upload %2 (%3) at byte %4': '%1 从第 %4 字节起断点续传上传 %2（%3）',
    '%1 uploaded file %2 (%3, %4 bytes)': '%1 上传了文件 %2（%3，%4 字节）',
    'No upload %1 to cancel.': '没有可取消的上传 %1。',
    'There is no file %1 you can download.': '找不到可供你下载的文件 %1。',
    'The offset must be between 0 and %1.': '偏移量必须在 0 到 %1 之间。',
    'The server cannot read file %1.': '服务器无法读取文件 %1。',
    'No download %1 to cancel.': '没有可取消的下载 %1。',

    # --- UploadDialog / UploadStore / Uploader ---------------------------------
    'Upload files': '上传文件',
    'Drop files or folders here, or add them with the buttons below.': '把文件或文件夹拖到这里，或用下方的按钮添加。',
    'Add files…': '添加文件…',
    'Add folder…': '添加文件夹…',
    'Sharing in room %1': '分享到房间 %1',
    'Sending privately to %1': '私发给 %1',
    'Choose a room or a person to send files to.': '请选择要发送文件的房间或用户。',
    'Some files were skipped': '部分文件被跳过',
    'Choose files to upload': '选择要上传的文件',
    'Choose a folder to upload': '选择要上传的文件夹',
    'Cannot prepare the file tables: %1': '无法初始化文件表：%1',
    'File storage is not available.': '文件存储不可用。',
    'The file name is empty or too long.': '文件名为空或过长。',
    'The file size is invalid.': '文件大小无效。',
    'The file is larger than the %1 bytes this server accepts.': '文件超过了本服务器允许的 %1 字节。',
    'The hash must be "%1" followed by 32 hex digits.': '哈希值必须是 "%1" 后跟 32 位十六进制数字。',
    'Storing %1 more bytes would exceed your quota of %2 bytes.': '再存储 %1 字节将超出你的 %2 字节配额。',
    'The server does not have enough free disk space for this file.': '服务器没有足够的磁盘空间存放该文件。',
    'Cannot record the upload: %1': '无法记录此次上传：%1',
    'Cannot create the upload file: %1': '无法创建上传文件：%1',
    "The server's disk is full.": '服务器磁盘已满。',
    'The server cannot write the file: %1': '服务器无法写入文件：%1',
    'The upload has already ended.': '此次上传已经结束。',
    'Expected the chunk at offset %1, got %2.': '应收到偏移量 %1 处的数据块，实际为 %2。',
    'More data than the announced %1 bytes.': '数据超过了声明的 %1 字节。',
    'Received %1 of the announced %2 bytes.': '只收到了声明的 %2 字节中的 %1 字节。',
    'Cannot verify the upload: %1': '无法校验上传的文件：%1',
    'The data does not match the announced hash (got %1).': '数据与声明的哈希值不一致（实际为 %1）。',
    'Cannot move the upload into place.': '无法把上传的文件移到目标位置。',
    'Cannot record the file: %1': '无法记录该文件：%1',
    'The server asked for an impossible offset.': '服务器请求了一个不可能的偏移量。',
    '%1 changed or became unreadable during the upload.': '%1 在上传过程中被修改或变得不可读。',
    'The connection was lost; start the upload again to resume it.': '连接已断开；重新开始上传即可断点续传。',

    # --- UserStore ----------------------------------------------------------
    'line %1: %2': '第 %1 行：%2',
    'The SQLite driver of QtSql (QSQLITE) is not available.': 'QtSql 的 SQLite 驱动（QSQLITE）不可用。',
    'Cannot open the user database %1: %2': '无法打开用户数据库 %1：%2',
    'Cannot prepare the user database %1: %2': '无法初始化用户数据库 %1：%2',
    'The user name is empty.': '用户名为空。',
    'The user name is longer than %1 characters.': '用户名超过了 %1 个字符。',
    'The user name must not contain spaces.': '用户名不能包含空格。',
    'The user name must not contain control characters.': '用户名不能包含控制字符。',
    'The user name must not contain "%1".': '用户名不能包含“%1”。',
    'The user name is not in Unicode normalization form C.': '用户名不符合 Unicode 规范化形式 C（NFC）。',
    'The user database is not open.': '用户数据库未打开。',
    'The user "%1" already exists.': '用户“%1”已存在。',
    'The user name "%1" is taken (by "%2").': '用户名“%1”已被“%2”占用。',
    'Cannot add the user "%1": %2': '无法添加用户“%1”：%2',
    'Cannot update the user "%1": %2': '无法更新用户“%1”：%2',
    'Cannot remove the user "%1": %2': '无法删除用户“%1”：%2',
    'Cannot store the server secret: %1': '无法保存服务器密钥：%1',
    'Cannot start a transaction: %1': '无法开始事务：%1',
    'not valid UTF-8': '不是有效的 UTF-8',
    'expected "name|md5hex"': '格式应为 "name|md5hex"',
    '"%1" is not an MD5 digest (32 hexadecimal digits)': '“%1”不是 MD5 摘要（32 位十六进制数字）',
    'Cannot save the imported users: %1': '无法保存导入的用户：%1',

    # --- TransferCommands (CLI) ------------------------------------------------
    'upload: share the files in ROOM.': 'upload：在房间 ROOM 中分享文件。',
    'upload: send the files privately to USER.': 'upload：把文件私发给用户 USER。',
    'download: save into this folder, or as this file.': 'download：保存到这个文件夹，或保存为这个文件。',
    'Usage: upload FILE... (--room ROOM | --to USER)': '用法：upload FILE... (--room ROOM | --to USER)',
    'Usage: download ID [-o PATH]': '用法：download ID [-o PATH]',
    '%1  %2%  %3 / %4  %5/s  %6 left': '%1  %2%  %3 / %4  %5/s  剩余 %6',
    '%1  checking %2%': '%1  正在计算校验和 %2%',
    '%1: %2': '%1：%2',
    'Uploaded %1 as file %2 ("%3", %4 bytes%5)': '已上传 %1，文件编号 %2（“%3”，%4 字节%5）',
    ', resumed at byte %1': '，从第 %1 字节起断点续传',
    'The connection was lost.': '连接已断开。',
    'Nothing to upload.': '没有要上传的内容。',
    'Saved file %1 as %2 (%3 bytes)': '已把文件 %1 保存为 %2（%3 字节）',

    # --- UserAdmin (server CLI) -----------------------------------------------
    'Usage: switchboard-server [--data DIR] user add NAME | list | del NAME | import FILE':
    '用法：switchboard-server [--data DIR] user add NAME | list | del NAME | import FILE',
    'Give the password on standard input, e.g.: echo secret | switchboard-server user add alice':
    '请通过标准输入提供密码，例如：echo secret | switchboard-server user add alice',
    'added %1': '已添加 %1',
    'deleted %1': '已删除 %1',
    'imported %n user(s)': '已导入 %n 个用户',

    # --- main (app/ command-line options) ---------------------------------------
    'Switchboard: chat, send files and see what goes over the wire.': 'Switchboard：聊天、传文件，看清网络上传输的内容。',
    'Preselect hosting a server on this computer (127.0.0.1).': '预先选中“在本机运行服务器”（127.0.0.1）。',
    'Server to prefill, HOST:PORT.': '预先填入的服务器，格式为 HOST:PORT。',
    'User name to prefill.': '预先填入的用户名。',
    'Data directory of the embedded server.': '内置服务器的数据目录。',
    'Switchboard server: chat rooms, private messages and file transfer over a framed TCP protocol.':
    'Switchboard 服务器：基于分帧 TCP 协议的聊天室、私聊和文件传输。',
    'Listen on HOST:PORT (repeatable; port 0 picks a free port; [::1]:PORT for IPv6). Default 127.0.0.1:5151.':
    '监听 HOST:PORT（可重复指定；端口 0 表示自动选一个空闲端口；IPv6 用 [::1]:PORT）。默认 127.0.0.1:5151。',
    'Directory for all server state (database, uploads). Default: %1.': '存放全部服务器状态（数据库、上传的文件）的目录。默认：%1。',
    'Refuse clients beyond N connections (default 1000).': '连接数超过 N 时拒绝新的客户端（默认 1000）。',
    'Largest frame header accepted, in bytes (default 65536).': '允许的最大帧报头，单位为字节（默认 65536）。',
    'Largest frame payload accepted, in bytes (default 16777216).': '允许的最大帧载荷，单位为字节（默认 16777216）。',
    'Disconnect clients that send no hello within MS milliseconds (default 10000).':
    '断开 MS 毫秒内没有发送 hello 的客户端（默认 10000）。',
    'Disconnect clients silent for MS milliseconds; 0 never (default 90000).':
    '断开 MS 毫秒内没有任何数据的客户端；0 表示永不断开（默认 90000）。',
    'Do not let clients create accounts (use "user add" or "user import").':
    '不允许客户端注册账号（请改用 "user add" 或 "user import"）。',
    'Add the chat robot "robot" to the lobby.': '把聊天机器人 "robot" 加入 lobby 房间。',
    'Messages replayed to a client joining a room (default 50).': '客户端加入房间时补发的历史消息条数（默认 50）。',
    "Account administration instead of serving: user add NAME (password on stdin) | user list | "
    "user del NAME | user import FILE (tutorials' userinfo: name|md5hex). "
    "With --cluster: kick NAME [REASON] ends NAME's sessions on every node.":
    '不提供服务，而是管理账号：user add NAME（密码从标准输入读取）| user list | user del NAME | '
    'user import FILE（教程里的 userinfo 格式：name|md5hex）。'
    '配合 --cluster：kick NAME [REASON] 结束 NAME 在所有节点上的会话。',
    'A numeric option has an invalid value.': '某个数值选项的值无效。',
    'Shutting down.': '正在关闭。',

    # --- added while the source was still growing (second lupdate pass) ----------
    'Attach…': '附件…',
    'Send files to this conversation (Ctrl+U), or drop them on the window.': '向此会话发送文件（Ctrl+U），或把文件拖到窗口上。',
    'Inspector': '抓包检查器',
    'Send &files…': '发送文件(&F)…',
    'Ctrl+U': 'Ctrl+U',
    '&Inspector': '抓包检查器(&I)',
    'Ctrl+I': 'Ctrl+I',
    'Server inspector': '服务器抓包检查器',
    'Server i&nspector': '服务器抓包检查器(&N)',
    'Bytes of files each user may store; 0 for no limit (default 21474836480 = 20 GiB).':
    '每个用户可存储的文件字节数；0 表示不限（默认 21474836480 = 20 GiB）。',
    'Largest file accepted, in bytes; 0 for no limit (default 4294967296 = 4 GiB).':
    '允许的最大文件，单位为字节；0 表示不限（默认 4294967296 = 4 GiB）。',
    '--quota and --max-upload-size take a number of bytes.': '--quota 和 --max-upload-size 的值必须是字节数。',
    "Write this client's traffic to FILE as pcapng.": '把本客户端的流量以 pcapng 格式写入 FILE。',
    "Write every connection's traffic (read chunks as delivered) to FILE as pcapng; open it in Wireshark with resources/switchboard.lua.": '把每个连接的流量（按实际交付的读取数据块）以 pcapng 格式写入 FILE；可在 Wireshark 中配合 resources/switchboard.lua 打开。',
    'tutorial: %1:%2 connected': '教程协议：%1:%2 已连接',
    'tutorial: receiving %1 (%2 bytes)': '教程协议：正在接收 %1（%2 字节）',
    'tutorial: stored %1': '教程协议：已保存 %1',
    "Also speak the socket tutorials' protocols on HOST:PORT, TCP and UDP (repeatable): text answered by the robot, struct.pack('i') + JSON head uploads, UDP upper-case echo.": "同时在 HOST:PORT 上提供 socket 教程里的协议，TCP 和 UDP 都支持（可重复指定）：文本消息由机器人回答，用 struct.pack('i') + JSON 报头上传文件，UDP 转大写回显。",

    # --- this round: auto-reply, captures, decode/proxy/raw, search, socket lab, UDP rooms,
    # settings, tray, help. "conversation" 会话 · "framing" 分帧方式 · "socket lab" 套接字实验室
    # · "auto-reply rule" 自动回复规则 · "UDP room" UDP 房间 · "peer" 对端.
    'Echo what arrives': '回显收到的内容',
    'Echo what arrives in upper case': '把收到的内容转成大写后回显',
    'Reply "%1" to anything': '对任何内容都回复 "%1"',
    'When it contains %1 "%2", reply "%3"': '内容包含 %1 "%2" 时回复 "%3"',
    '(off) %1': '（已关闭）%1',
    'Invalid regular expression "%1": %2': '无效的正则表达式 "%1"：%2',
    'The file is too short to be a capture.': '文件太短，不是抓包文件。',
    'The file is neither a pcap nor a pcapng capture.': '该文件既不是 pcap 也不是 pcapng 抓包文件。',
    'Truncated packet header at offset %1.': '偏移量 %1 处的数据包报头被截断。',
    'Packet of %1 bytes at offset %2: the file is damaged.': '偏移量 %2 处的数据包长 %1 字节：文件已损坏。',
    'Truncated packet at offset %1.': '偏移量 %1 处的数据包被截断。',
    'send --stdin: messages sent ahead of their acknowledgement at most (default %1).': 'send --stdin：最多可在确认之前先发出的消息数（默认 %1）。',
    'One JSON object per line: results on standard output, errors on standard error as {"error": CODE, "message": TEXT}.': '每行一个 JSON 对象：结果写到标准输出，错误以 {"error": CODE, "message": TEXT} 写到标准错误。',
    'ping, register, send, listen, upload, download, room, search, discover, raw, udp-room, decode or proxy.': 'ping、register、send、listen、upload、download、room、search、discover、raw、udp-room、decode 或 proxy。',
    'Usage: search ROOM TEXT, or search --to USER TEXT.': '用法：search ROOM TEXT，或 search --to USER TEXT。',
    'Login failed (%1): %2 (retry in %n s)': '登录失败（%1）：%2（%n 秒后重试）',
    '%n ping(s): min %1 ms, avg %2 ms, max %3 ms': '%n 次 ping：最小 %1 ms，平均 %2 ms，最大 %3 ms',
    '  %1 bytes not captured': '  %1 字节未被抓取',
    '  %1 bytes retransmitted': '  %1 字节被重传',
    '  %1 segments out of order': '  %1 个报文段乱序',
    '%1  %2  %3 ⇄ %4  %5 packets  %6 bytes →  %7 bytes ←%8': '%1  %2  %3 ⇄ %4  %5 个数据包  %6 字节 →  %7 字节 ←%8',
    'No TCP or UDP conversation in this capture (%1 packets).': '此抓包文件中没有 TCP 或 UDP 会话（%1 个数据包）。',
    'How to cut the streams into messages (default raw).': '如何把数据流切分成消息（默认 raw）。',
    'The conversation to print (its number in the list).': '要打印的会话（它在列表中的编号）。',
    'One JSON object per line.': '每行一个 JSON 对象。',
    'The capture file.': '抓包文件。',
    'decode needs exactly one capture file; try decode --help.': 'decode 只需要一个抓包文件；请参阅 decode --help。',
    '--stream needs a conversation number.': '--stream 需要一个会话编号。',
    'There is no conversation %1 (%2 in this capture).': '没有会话 %1（此抓包文件中有 %2 个）。',
    '%1: the framing %2 does not fit at byte %3: %4': '%1：分帧方式 %2 在第 %3 字节处不适用：%4',
    '%1: %2 bytes at byte %3 were not captured; decoding stops there.': '%1：第 %3 字节处有 %2 字节未被抓取；解码到此为止。',
    '%1: the last %2 bytes (from byte %3) are an incomplete message.': '%1：最后 %2 字节（从第 %3 字节起）是一条不完整的消息。',
    'Conversation %1 (%2), %3 ⇄ %4, framing %5:': '会话 %1（%2），%3 ⇄ %4，分帧方式 %5：',
    '%1  %2  @%3  %4 bytes': '%1  %2  @%3  %4 字节',
    '  %1 bytes: %2': '  %1 字节：%2',
    'delim:HEX needs an even number of hex digits, e.g. delim:0d0a.': 'delim:HEX 需要偶数个十六进制数字，例如 delim:0d0a。',
    'fixed:N needs a record size from 1 to %1.': 'fixed:N 需要 1 到 %1 之间的记录大小。',
    'len:N:be|le needs N = 1, 2 or 4.': 'len:N:be|le 要求 N = 1、2 或 4。',
    'len:N:ORDER needs the byte order be or le.': 'len:N:ORDER 需要字节序 be 或 le。',
    'len:N:ORDER:inclusive is the only fourth part.': '第四部分只能是 len:N:ORDER:inclusive。',
    'Unknown framing "%1".': '未知的分帧方式 "%1"。',
    'a message of %1 bytes would start here: larger than any plausible message (%2 bytes at most); the framing does not fit': '此处将开始一条 %1 字节的消息：超过任何合理消息的大小（最多 %2 字节）；该分帧方式不适用',
    'GBK is not available in this build of Qt (it needs ICU); use UTF-8 or hex.': '此 Qt 版本不支持 GBK（需要 ICU）；请使用 UTF-8 或十六进制。',
    'The text has characters GBK cannot encode.': '文本中有 GBK 无法编码的字符。',
    'Hex byte at character %1 has one digit only.': '第 %1 个字符处的十六进制字节只有一位数字。',
    '"%1" at character %2 is not a hex digit.': '第 %2 个字符处的 "%1" 不是十六进制数字。',
    'Odd number of hex digits: the last byte has one digit only.': '十六进制数字的个数为奇数：最后一个字节只有一位数字。',
    '\\x at character %1 needs two hex digits.': '第 %1 个字符处的 \\x 后面需要两位十六进制数字。',
    'cut every write into pieces of N bytes (or random sizes MIN to MAX)': '把每次写入切成 N 字节的小块（或 MIN 到 MAX 之间的随机大小）',
    'wait MS between pieces (default 1, so they arrive as separate reads)': '小块之间等待 MS 毫秒（默认 1，使它们作为单独的读取到达）',
    'send writes arriving within MS of the first as one': '把在第一次写入后 MS 毫秒内到达的写入合并为一次发送',
    'hold every byte MS milliseconds': '每个字节延迟 MS 毫秒',
    'throttle to BYTES per second': '限速为每秒 BYTES 字节',
    'close the connection after N bytes': '传输 N 字节后关闭连接',
    'Cannot resolve %1: %2': '无法解析 %1：%2',
    '--%1 needs N or MIN-MAX (bytes, at least 1), got "%2".': '--%1 需要 N 或 MIN-MAX（字节数，至少为 1），得到的是 "%2"。',
    '--%1 needs a number, got "%2".': '--%1 需要一个数字，得到的是 "%2"。',
    'split into %1-byte pieces': '拆分成 %1 字节的小块',
    'split into %1 to %2-byte pieces': '拆分成 %1 到 %2 字节的小块',
    ' %1 ms apart': ' 每块间隔 %1 ms',
    'coalesce within %1 ms': '合并 %1 ms 内的写入',
    'latency %1 ms': '延迟 %1 ms',
    'Exit after N connections have ended.': 'N 个连接结束后退出。',
    '%1, %2 only': '%1，仅限 %2 方向',
    'proxy needs --listen HOST:PORT and --to HOST:PORT; try proxy --help.': 'proxy 需要 --listen HOST:PORT 和 --to HOST:PORT；请参阅 proxy --help。',
    'listening on %1, forwarding to %2; up: %3; down: %4': '正在监听 %1，转发到 %2；上行：%3；下行：%4',
    '%1: up %2 bytes (%3 reads from the client, %4 writes to the target), down %5 bytes (%6 reads from the target, %7 writes to the client); %8': '%1：上行 %2 字节（从客户端读取 %3 次，向目标写入 %4 次），下行 %5 字节（从目标读取 %6 次，向客户端写入 %7 次）；%8',
    'Send these bytes, given in hex ("48 65 6c" or "48656c").': '发送这些字节，以十六进制给出（"48 65 6c" 或 "48656c"）。',
    'Send this text (escapes \\n \\r \\t \\\\ \\xHH \\0 are expanded).': '发送这段文本（会展开转义 \\n \\r \\t \\\\ \\xHH \\0）。',
    'Send what standard input holds, byte for byte.': '逐字节发送标准输入的内容。',
    'Serve (TCP) or bind (UDP) HOST:PORT and print what arrives; a payload goes to each TCP client as it connects.': '在 HOST:PORT 上提供服务（TCP）或绑定（UDP），并打印收到的内容；每个 TCP 客户端连接时会收到载荷。',
    'With --listen: send back whatever arrives.': '与 --listen 一起使用：把收到的内容原样发回。',
    'Text encoding: utf8 (default) or gbk.': '文本编码：utf8（默认）或 gbk。',
    'Exit once nothing has arrived for MS milliseconds (default %1; with --listen 0, which waits for ever).': 'MS 毫秒内没有收到任何内容就退出（默认 %1；使用 --listen 时为 0，即一直等待）。',
    'Print what arrives in hex even when it is text.': '即使收到的是文本也以十六进制打印。',
    'Print one JSON object per chunk or datagram (time, dir, peer, size, hex, text).': '每个数据块或数据报打印一个 JSON 对象（time、dir、peer、size、hex、text）。',
    'The command.': '命令。',
    'tcp or udp.': 'tcp 或 udp。',
    'HOST:PORT to send to, or to listen on.': '要发送到或要监听的 HOST:PORT。',
    'Usage: raw tcp|udp HOST:PORT [--hex HEX | --text TEXT | --stdin] [--listen]; try raw --help.': '用法：raw tcp|udp HOST:PORT [--hex HEX | --text TEXT | --stdin] [--listen]；请参阅 raw --help。',
    'Unknown encoding "%1": use utf8 or gbk.': '未知的编码 "%1"：请使用 utf8 或 gbk。',
    'Give one of --hex, --text and --stdin.': '请给出 --hex、--text 和 --stdin 中的一个。',
    '--echo needs --listen.': '--echo 需要 --listen。',
    'Cannot read standard input: %1': '无法读取标准输入：%1',
    'A UDP client needs something to send: --hex, --text or --stdin.': 'UDP 客户端需要要发送的内容：--hex、--text 或 --stdin。',
    '--wait takes a number of milliseconds.': '--wait 的值必须是毫秒数。',
    '--listen needs an IP address, not "%1".': '--listen 需要一个 IP 地址，而不是 "%1"。',
    'Cannot bind %1: %2': '无法绑定 %1：%2',
    'Bound to %1': '已绑定到 %1',
    'Cannot send to %1: %2': '无法发送到 %1：%2',
    '%1 connected': '%1 已连接',
    '%1 disconnected': '%1 已断开',
    'Listening on %1': '正在监听 %1',
    'Timed out connecting to %1.': '连接 %1 超时。',
    'search: at most N matches (default 50).': 'search：最多 N 条匹配（默认 50）。',
    'search: only messages older than message ID.': 'search：只查找比消息 ID 更早的消息。',
    '[%1] %2: %3': '[%1] %2：%3',
    '(older matches remain: --before %1)': '（还有更早的匹配：--before %1）',
    'Message to %1. Enter sends, Shift+Enter starts a new line.': '发给 %1 的消息。Enter 发送，Shift+Enter 换行。',
    'Messages in %1': '%1 中的消息',
    'Send the message (Enter)': '发送消息（Enter）',
    'That message is older than the ones loaded: scroll up in the conversation to load it.': '该消息早于已加载的消息：请在会话中向上滚动以加载它。',
    'Conversations': '会话',
    '&Rooms': '房间(&R)',
    'Online &users': '在线用户(&U)',
    'Search failed: %1': '搜索失败：%1',
    'Not connected: search when you are online.': '未连接：请在线时再搜索。',
    'Sent you the file %1': '向你发送了文件 %1',
    '%1 sent the file %2': '%1 发送了文件 %2',
    'Send files to %1': '向 %1 发送文件',
    'Drop to send the files to %1': '松开即可把文件发送给 %1',
    'Drop to send the files to the room %1': '松开即可把文件发送到房间 %1',
    'Serverless UDP room: unauthenticated and unencrypted': '无服务器的 UDP 房间：未认证、未加密',
    'UDP room': 'UDP 房间',
    'Cannot join the UDP room %1: %2': '无法加入 UDP 房间 %1：%2',
    'This program hosts a server; nobody else is connected to it now.': '本程序托管着一个服务器；目前没有其他人连接。',
    'This program hosts a server with %n connection(s) not logged in; they will be cut off.': '本程序托管的服务器上有 %n 个未登录的连接；它们将被断开。',
    'This program hosts a server and %n user(s) are connected: %1. They will be cut off.': '本程序托管着一个服务器，有 %n 个用户已连接：%1。他们将被断开。',
    '%n transfer(s) have not finished: %1. They resume the next time you log in.': '%n 个传输尚未完成：%1。下次登录时会断点续传。',
    'no delimiter within %1 bytes; the framing does not fit': '%1 字节内没有分隔符；该分帧方式不适用',
    'Servers on your network': '你所在网络中的服务器',
    'Insert emoji': '插入表情',
    'Insert an emoji': '插入一个表情',
    'Sent %Ln byte(s) in one write.': '一次写入发送了 %Ln 字节。',
    'Holding %1 of %Ln frame(s).': '已暂存 %1/%Ln 个帧。',
    'Sent %Ln frame(s) (%1 bytes) in one write.': '一次写入发送了 %Ln 个帧（%1 字节）。',
    '&User guide': '用户指南(&U)',
    '&Keyboard shortcuts': '键盘快捷键(&K)',
    '<h3>Switchboard %1</h3><p>Chat, send files and see what goes over the wire.</p><p>Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later). You may share and change it under its terms; it comes with no warranty.</p><p>Built with Qt %2, running on Qt %3.</p>': '<h3>Switchboard %1</h3><p>聊天、发送文件，并查看网络上传输的内容。</p><p>许可证：GNU 通用公共许可证第 3 版或更高版本（GPL-3.0-or-later）。你可以按其条款分享和修改本程序；本程序不提供任何担保。</p><p>基于 Qt %2 构建，运行于 Qt %3。</p>',
    'User guide': '用户指南',
    'The user guide is not installed.': '未安装用户指南。',
    'No program to show web pages was found. The guide is %1.': '找不到可以显示网页的程序。指南位于 %1。',
    'Who may join the hosted server': '谁可以加入托管的服务器',
    '%Ln record(s)': '%Ln 条记录',
    '(%Ln frame(s))': '（%Ln 个帧）',
    '%Ln byte(s)': '%Ln 字节',
    'Exported %Ln packet(s) to %1': '已导出 %Ln 个数据包到 %1',
    'head length %1 is not between 1 and %2; the framing does not fit': '报头长度 %1 不在 1 到 %2 之间；该分帧方式不适用',
    'the %1-byte head is not a JSON object (%2); the framing does not fit': '%1 字节的报头不是 JSON 对象（%2）；该分帧方式不适用',
    'not an object': '不是对象',
    'the head\'s "%1" is not a plausible byte count; the framing does not fit': '报头中的 "%1" 不是合理的字节数；该分帧方式不适用',
    '%1 — in %2, out %3': '%1 — 收到 %2，发出 %3',
    'length %1 is shorter than its own %2-byte prefix; the framing does not fit': '长度 %1 比它自身 %2 字节的长度前缀还短；该分帧方式不适用',
    'Server address': '服务器地址',
    '&Port': '端口(&P)',
    'S&ettings…': '设置(&E)…',
    'Ctrl+,': 'Ctrl+,',
    'Ctrl+Q': 'Ctrl+Q',
    'Join &UDP room…': '加入 UDP 房间(&U)…',
    '&Find in history…': '在历史记录中查找(&F)…',
    'Ctrl+F': 'Ctrl+F',
    '&Tools': '工具(&T)',
    'Socket &lab': '套接字实验室(&L)',
    'Ctrl+L': 'Ctrl+L',
    'Close Switchboard?': '关闭 Switchboard？',
    'Close anyway': '仍然关闭',
    'Disconnected': '已断开',
    "The server's host disconnected you from %1.": '服务器的托管者已把你从 %1 断开。',
    'Reconnect': '重新连接',
    'Log out': '退出登录',
    'Save %1 into': '把 %1 保存到',
    'Members of the private room': '私密房间的成员',
    '%1 → %2': '%1 → %2',
    '%1 (%2): %3': '%1（%2）：%3',
    '%1 is not a saved-packets file: %2': '%1 不是已保存数据包文件：%2',
    'Older matches': '更早的匹配',
    'Close': '关闭',
    "Search this conversation's history": '搜索此会话的历史记录',
    'Search in history': '在历史记录中搜索',
    'Close the search': '关闭搜索',
    'Search results': '搜索结果',
    'Activate a result to show the message in the conversation.': '双击某条结果（或按 Enter）即可在会话中显示该消息。',
    'Searching…': '正在搜索…',
    '%1 · %2: %3': '%1 · %2：%3',
    'No message contains "%1".': '没有消息包含 "%1"。',
    '%n match(es) shown; older ones remain.': '已显示 %n 条匹配；还有更早的匹配。',
    '%n match(es).': '%n 条匹配。',
    'Kick yourself?': '踢出你自己？',
    '%1 is you: kicking it disconnects this window (or your other device) from your own server.': '%1 就是你：踢出它会把此窗口（或你的其他设备）从你自己的服务器断开。',
    'Kick anyway': '仍然踢出',
    'Show a notification when a message arrives in the background': '在后台收到消息时显示通知',
    'Play a sound with notifications': '通知时播放声音',
    'Ask where to save each download': '每次下载都询问保存位置',
    'The language changes the next time Switchboard starts.': '语言将在下次启动 Switchboard 时更改。',
    'Start hidden in the system tray': '启动时隐藏到系统托盘',
    'Settings': '设置',
    'Notifications and tray': '通知和托盘',
    'This desktop has no system tray.': '此桌面没有系统托盘。',
    'Choose the download folder': '选择下载文件夹',
    'Save &into:': '保存到(&I)：',
    'Chat and inspector': '聊天和抓包检查器',
    'Older messages are dropped from the screen and page back in when you scroll up.': '较早的消息会从屏幕上移除，向上滚动时再重新载入。',
    '&Messages kept on screen per conversation:': '每个会话在屏幕上保留的消息数(&M)：',
    'Inspector keeps at most (&frames):': '抓包检查器最多保留的帧数(&F)：',
    ' MiB': ' MiB',
    'Inspector keeps at most (&memory):': '抓包检查器最多占用的内存(&M)：',
    'Language': '语言',
    'System language': '系统语言',
    '&Language:': '语言(&L)：',
    'Keyboard shortcuts': '键盘快捷键',
    'Send the message': '发送消息',
    'Enter': 'Enter',
    'New line in the message': '在消息中换行',
    'Shift+Enter': 'Shift+Enter',
    'Move to the next control': '移到下一个控件',
    'Tab': 'Tab',
    'Action': '操作',
    'Keys': '按键',
    'Socket lab': '套接字实验室',
    'Mode': '模式',
    'TCP client': 'TCP 客户端',
    'TCP server': 'TCP 服务器',
    'Traffic log': '流量日志',
    'Size': '大小',
    'Data': '数据',
    'auto-reply': '自动回复',
    'Show data as hex': '以十六进制显示数据',
    'Clear log': '清空日志',
    'Traffic': '流量',
    'Log': '日志',
    'Connected to %1': '已连接到 %1',
    'Sent %1 of %2': '已发送 %1/%2',
    'Sent %1 (until stopped)': '已发送 %1（直到停止）',
    'Repeat finished after %n send(s).': '重复发送 %n 次后结束。',
    'Saved packets not loaded: %1': '未能载入已保存的数据包：%1',
    'GBK is not available in this build of Qt (it needs ICU): text is sent as UTF-8.': '此 Qt 版本不支持 GBK（需要 ICU）：文本将以 UTF-8 发送。',
    'Connect': '连接',
    '&Host:': '主机(&H)：',
    '&Port:': '端口(&P)：',
    'Listen': '监听',
    'Connected clients': '已连接的客户端',
    'Send to &all clients': '发送给所有客户端(&A)',
    '&Disconnect client': '断开客户端(&D)',
    '&Address:': '地址(&A)：',
    'P&ort:': '端口(&O)：',
    'Clients (select some and untick "all" to send to them only):': '客户端（选中若干个并取消勾选“所有”，即可只发送给它们）：',
    'Bind': '绑定',
    '&Broadcast to 255.255.255.255 (on your LAN: mind your neighbours)': '广播到 255.255.255.255(&B)（在你的局域网上：注意别打扰他人）',
    '&Local address:': '本地地址(&L)：',
    'Local p&ort:': '本地端口(&O)：',
    '&Target host:': '目标主机(&T)：',
    'Target po&rt:': '目标端口(&R)：',
    'Data to send': '要发送的数据',
    'Text, or hex bytes such as 48 65 6c 6c 6f when Hex is ticked': '文本；勾选“十六进制”时为十六进制字节，例如 48 65 6c 6c 6f',
    'Text encoding': '文本编码',
    'UTF-8': 'UTF-8',
    'GBK': 'GBK',
    'Not available: this Qt was built without ICU.': '不可用：此 Qt 构建时未带 ICU。',
    '&Hex': '十六进制(&H)',
    '&Escapes (\\r \\n \\t \\xHH)': '转义序列(&E)（\\r \\n \\t \\xHH）',
    '&Send': '发送(&S)',
    'Sa&ve…': '保存(&V)…',
    'Re&peat every': '重复间隔(&P)',
    'Repeat interval': '重复间隔',
    'Repeat count': '重复次数',
    'until stopped': '直到停止',
    ' times': ' 次',
    'S&top': '停止(&T)',
    'Encoding:': '编码：',
    'Save packet': '保存数据包',
    'Name:': '名称：',
    'Saved packets': '已保存的数据包',
    'Double-click a packet to send it.': '双击数据包即可发送。',
    'Send &packet': '发送数据包(&P)',
    'Delete': '删除',
    'Auto-reply rules (the first that applies answers each chunk or datagram)': '自动回复规则（每个数据块或数据报由第一条适用的规则回复）',
    'Auto-reply rules': '自动回复规则',
    'Untick a rule to turn it off.': '取消勾选某条规则即可关闭它。',
    'Rule kind': '规则类型',
    'Echo': '回显',
    'Upper-case echo': '大写回显',
    'Fixed reply': '固定回复',
    'When it contains…': '包含某内容时…',
    'Match by': '匹配方式',
    'Pattern': '模式',
    'pattern': '模式',
    'Reply': '回复',
    'reply (encoded as the send box says)': '回复（按发送框的设置编码）',
    '&Add rule': '添加规则(&A)',
    'Remove rule': '删除规则',
    'Give a host and a port to connect to.': '请给出要连接的主机和端口。',
    'Connecting to %1…': '正在连接 %1…',
    '"%1" is not an IP address.': '"%1" 不是 IP 地址。',
    'Cannot open port %1: %2': '无法打开端口 %1：%2',
    'Stopped listening.': '已停止监听。',
    'UDP socket closed.': 'UDP 套接字已关闭。',
    'Not connected: connect first.': '未连接：请先连接。',
    'No client is connected.': '没有已连接的客户端。',
    'Select the clients to send to, or tick "Send to all clients".': '请选择要发送到的客户端，或勾选“发送给所有客户端”。',
    'Broadcast failed: %1': '广播失败：%1',
    'Not saved: %1': '未保存：%1',
    'Cannot send "%1": %2': '无法发送 "%1"：%2',
    'Sent "%1" (%n byte(s)).': '已发送 "%1"（%n 字节）。',
    'Reply: %1': '回复：%1',
    'Give the pattern the rule looks for.': '请给出该规则要查找的模式。',
    'Disconnect': '断开连接',
    'Stop listening': '停止监听',
    'Saved packets not written: %1': '未能写入已保存的数据包：%1',
    'Framing': '分帧方式',
    'Switchboard v1 framing': 'Switchboard v1 分帧',
    "Tutorial framing: struct.pack('i') + JSON head": "教程分帧：struct.pack('i') + JSON 报头",
    "How messages are cut out of the stream: Switchboard's own frames, or the tutorials' little-endian head length, JSON head and filesize bytes.": '如何从数据流中切出消息：Switchboard 自己的帧，或教程里的小端报头长度、JSON 报头和 filesize 字节。',
    'Show Switchboard': '显示 Switchboard',
    'Hide Switchboard': '隐藏 Switchboard',
    'Switchboard: %1': 'Switchboard：%1',
    '--allow-command takes NAME=PROGRAM [ARGS...], NAME without spaces: %1': '--allow-command 的格式为 NAME=PROGRAM [ARGS...]，NAME 中不能有空格：%1',
    '--allow-command %1 names no program.': '--allow-command %1 没有指定程序。',
    'A room name is 1 to %1 characters, without control characters.': '房间名为 1 到 %1 个字符，不含控制字符。',
    'Cannot use UDP port %1: %2': '无法使用 UDP 端口 %1：%2',
    'No network interface is up.': '没有已启用的网络接口。',
    'None of these interfaces is up with an address: %1': '这些接口都没有启用并分配地址：%1',
    'Join the UDP room first.': '请先加入 UDP 房间。',
    'Too long for one UDP datagram: %1 bytes of text, and a datagram (with room, name and sequence number) holds at most %2 bytes. Shorten the message or split it.': '超出了一个 UDP 数据报的容量：文本有 %1 字节，而一个数据报（含房间、名字和序号）最多容纳 %2 字节。请缩短消息或把它拆开。',
    '%1 is in the room (from %2)': '%1 在房间中（来自 %2）',
    '%1 left the room': '%1 离开了房间',
    '%n earlier message(s) from %1 never arrived': '%1 之前的 %n 条消息始终没有到达',
    '%1 is no longer heard': '已收不到 %1 的消息',
    '[%1] ⚠ message %2 from %3 missing — asked %3 to send it again': '[%1] ⚠ 缺少来自 %3 的消息 %2 — 已请 %3 重新发送',
    '[%1] ✖ message %2 from %3 lost — asked once, it did not come': '[%1] ✖ 来自 %3 的消息 %2 已丢失 — 请求过一次，仍未收到',
    '[%1] ⚠ message %2 from %3 missing': '[%1] ⚠ 缺少来自 %3 的消息 %2',
    '   (late: arrived after a later message, #%1)': '   （迟到：在更晚的消息之后到达，#%1）',
    '   (recovered: resent on request, #%1)': '   （已恢复：应请求重新发送，#%1）',
    'Join UDP room': '加入 UDP 房间',
    'any name; everyone who joins the same name on your network is in it': '任意名称；在你的网络中加入同一名称的人都在这个房间里',
    'Every network interface': '所有网络接口',
    '%1 (%2)': '%1（%2）',
    'UDP rooms need no server, and have no protection: they are unauthenticated and unencrypted. Anyone on the network can read every message and write under any name.': 'UDP 房间不需要服务器，也没有任何保护：它们未经认证、未加密。网络上的任何人都能读到每条消息，并能以任何名字发言。',
    'Join': '加入',
    'Room:': '房间：',
    'Your name:': '你的名字：',
    'Interface:': '网络接口：',
    '<b>UDP room %1</b> — no server: each message is one UDP datagram to everyone on port %2 via %3': '<b>UDP 房间 %1</b> — 无服务器：每条消息都是经 %3 发往端口 %2 上所有人的一个 UDP 数据报',
    '⚠ UDP rooms are unauthenticated and unencrypted: anyone on your network can read this room and write in it under any name. Do not send anything private.': '⚠ UDP 房间未经认证、未加密：你网络中的任何人都能读到这个房间的内容，并能以任何名字在其中发言。请勿发送任何私密内容。',
    'Peers heard in this room. Names are not verified.': '在此房间中听到的对端。名字未经验证。',
    'Message to everyone in the UDP room': '发给 UDP 房间中所有人的消息',
    'Peers': '对端',
    'UDP: %1': 'UDP：%1',
    'unnamed': '未命名',
    'sender id %1': '发送者 ID %1',
    'Uploaded %1 as file %2 ("%3", %4 bytes, resumed at byte %5)': '已上传 %1，文件号 %2（"%3"，%4 字节，从第 %5 字节断点续传）',
    'Uploaded %1 as file %2 ("%3", %4 bytes)': '已上传 %1，文件号 %2（"%3"，%4 字节）',
    'Cannot create a temporary folder: %1': '无法创建临时文件夹：%1',
    'Cannot write to standard output.': '无法写入标准输出。',
    'Wrote file %1 to standard output (%2 bytes)': '已把文件 %1 写到标准输出（%2 字节）',
    '-- message %1 from %2: %3': '-- 来自 %2 的消息 %1：%3',
    'udp-room: send TEXT to the room (repeatable).': 'udp-room：向房间发送 TEXT（可重复）。',
    'udp-room: print the messages that arrive (until --count or --timeout).': 'udp-room：打印收到的消息（直到 --count 或 --timeout）。',
    'udp-room: use interface IFACE only (repeatable; default: every up interface).': 'udp-room：只使用网络接口 IFACE（可重复；默认：所有已启用的接口）。',
    'udp-room: the name shown to the room (default: the login name).': 'udp-room：在房间中显示的名字（默认：登录名）。',
    'Usage: udp-room ROOM [--send TEXT]... [--stdin] [--listen] [--on IFACE] [--name NAME] [--json]': '用法：udp-room ROOM [--send TEXT]... [--stdin] [--listen] [--on IFACE] [--name NAME] [--json]',
    'Cannot join UDP room %1: %2': '无法加入 UDP 房间 %1：%2',
    "UDP room %1 on port %2 via %3. UDP rooms are unauthenticated and unencrypted: anyone on the network can read them and write in anyone's name.": 'UDP 房间 %1，端口 %2，经由 %3。UDP 房间未经认证、未加密：网络上的任何人都能读取它们，并能以任何人的名义发言。',
    'Cannot read standard input.': '无法读取标准输入。',
    '--join-key, --allow-command, --command-timeout and --command-max-output need --tutorial.': '--join-key、--allow-command、--command-timeout 和 --command-max-output 需要与 --tutorial 一起使用。',
    'Cannot read the join key %1: %2': '无法读取加入密钥 %1：%2',
    'The join key file %1 is empty.': '加入密钥文件 %1 是空的。',
    '--command-timeout takes 1 to 3600000 ms, --command-max-output 1 to 1073741824 bytes.': '--command-timeout 的取值为 1 到 3600000 ms，--command-max-output 为 1 到 1073741824 字节。',
    'Refuse clients beyond N connections (default %1).': '超过 N 个连接时拒绝新客户端（默认 %1）。',
    "The server's event loop: epoll (Linux; its cost does not grow with idle connections) or qt (Qt's own, poll() over every socket). Default: %1.": '服务器的事件循环：epoll（Linux；其开销不随空闲连接增多而增长）或 qt（Qt 自带的，对每个套接字 poll()）。默认：%1。',
    "With --tutorial: every TCP client must first answer os.urandom(32) with its HMAC under the key in FILE (HMAC-MD5 as Python 2's hmac.new(key, msg), or HMAC-SHA256), or is closed. The key is the file's bytes without one trailing newline.": '与 --tutorial 一起使用：每个 TCP 客户端必须先用 FILE 中的密钥计算 os.urandom(32) 的 HMAC 作为应答（HMAC-MD5，同 Python 2 的 hmac.new(key, msg)，或 HMAC-SHA256），否则连接被关闭。密钥为该文件的字节内容，去掉末尾的一个换行符。',
    "With --tutorial: text equal to NAME runs PROGRAM with exactly ARGS (split like a command line, never given to a shell) and is answered struct.pack('i') length + output (repeatable; none by default).": "与 --tutorial 一起使用：等于 NAME 的文本会以 ARGS 原样运行 PROGRAM（像命令行一样拆分，绝不交给 shell），并以 struct.pack('i') 长度 + 输出作答（可重复；默认没有）。",
    'Milliseconds an allowed command may run before it is killed (default %1).': '允许的命令被终止前最多可运行的毫秒数（默认 %1）。',
    'Bytes of output an allowed command may write before it is killed (default %1).': '允许的命令被终止前最多可输出的字节数（默认 %1）。',
    '--event-loop takes epoll (Linux only) or qt.': '--event-loop 的值为 epoll（仅限 Linux）或 qt。',
    '%1 bytes/s': '%1 字节/秒',
    'close after %1 bytes': '%1 字节后关闭',
    'unchanged': '不变',
    'switchboard-cli proxy --listen HOST:PORT --to HOST:PORT [knobs]\n\nForwards every connection made to --listen to --to, both directions byte for byte (a half-close\npassed on in each direction on its own), shaped by the knobs below. Each knob applies to both\ndirections; prefix it with up- (client to target) or down- (target to client) for one:\n--up-split 1 cuts what the client sends into single bytes.':
    'switchboard-cli proxy --listen HOST:PORT --to HOST:PORT [knobs]\n\n'
    '把连到 --listen 的每个连接转发到 --to，两个方向都逐字节转发（半关闭\n'
    '在每个方向上单独传递），并按下面的调节选项改变传输方式。每个选项都作用于两个\n'
    '方向；加上前缀 up-（客户端到目标）或 down-（目标到客户端）则只作用于一个方向：\n'
    '--up-split 1 把客户端发送的内容切成单个字节。',
    'Address to listen on (port 0: any free port).': '要监听的地址（端口 0：任意空闲端口）。',
    'The server to forward to.': '要转发到的服务器。',
    'Record every chunk read and written to FILE as pcapng.': '把读取和写入的每个数据块以 pcapng 格式记录到 FILE。',
    # --- merged at 17:55: framing workbench (capture files, framing proxy window) ---------
    'upload %1': '上传 %1',
    'JSON head': 'JSON 报头',
    '%n bytes': '%n 字节',
    'incomplete': '不完整',
    'The framing %1 does not fit at byte %2: %3.': '分帧方式 %1 在第 %2 字节处不适用：%3。',
    'Bytes from offset %1 on were not captured: message boundaries after it are unknown.': '从偏移量 %1 起的字节未被抓取：其后的消息边界未知。',
    'Capture file': '抓包文件',
    'Protocol': '协议',
    'A': 'A',
    'B': 'B',
    'Bytes A→B': '字节 A→B',
    'Bytes B→A': '字节 B→A',
    'Notes': '备注',
    'Capture file %1': '抓包文件 %1',
    'Reading %1…': '正在读取 %1…',
    'Reading conversation %1…': '正在读取会话 %1…',
    'Read with an error: %1': '读取时出错：%1',
    '%1 bytes not captured': '%1 字节未被抓取',
    '%1 bytes retransmitted': '%1 字节被重传',
    '%1 segments out of order': '%1 个报文段乱序',
    '%1 packets, %n conversation(s); pick one to see its messages.': '%1 个数据包，%n 个会话；选择一个即可查看其消息。',
    'Conversation %1: %2 ⇄ %3': '会话 %1：%2 ⇄ %3',
    'Framing:': '分帧方式：',
    'Offset': '偏移量',
    'Message': '消息',
    'First direction': '第一个方向',
    'Other direction': '另一个方向',
    'Only the first %1 of %2 reads are shown.': '只显示了 %2 次读取中的前 %1 次。',
    ' + %n payload bytes': ' + %n 字节载荷',
    'Open &capture…': '打开抓包文件(&C)…',
    'Open capture': '打开抓包文件',
    'Captures (*.pcap *.pcapng *.cap);;All files (*)': '抓包文件 (*.pcap *.pcapng *.cap);;所有文件 (*)',
    'Framing &proxy…': '分帧代理(&P)…',
    'Start proxy': '启动代理',
    'Stop': '停止',
    'Framing proxy': '分帧代理',
    'Where your client connects instead of the server (port 0: any free port).': '你的客户端改为连接到这里，而不是服务器（端口 0：任意空闲端口）。',
    'The server the proxy forwards to.': '代理转发到的服务器。',
    'Listen on': '监听地址',
    'forward to': '转发到',
    'Listening on': '正在监听',
    'Forwarding to': '正在转发到',
    'Open connections': '打开的连接',
    'Client': '客户端',
    'Target': '目标',
    'Bytes up': '上行字节',
    'Bytes down': '下行字节',
    'State': '状态',
    'Client → server (up)': '客户端 → 服务器（上行）',
    'Server → client (down)': '服务器 → 客户端（下行）',
    'Messages': '消息',
    'whole writes': '整次写入',
    ' bytes': ' 字节',
    'Cut every write into pieces of at least this size.': '把每次写入切成至少这么大的小块。',
    'same': '相同',
    'Largest piece (random sizes in between).': '最大的小块（大小在两者之间随机）。',
    'Pause between pieces, so that they arrive as separate reads.': '小块之间暂停，使它们作为单独的读取到达。',
    'off': '关闭',
    'Send writes arriving within this time as one.': '把在这段时间内到达的写入合并为一次发送。',
    'none': '无',
    'Hold every byte this long.': '每个字节延迟这么久。',
    'unlimited': '不限',
    ' bytes/s': ' 字节/秒',
    'Throttle to this rate.': '限速为此速率。',
    'never': '从不',
    'Close the connection after this many bytes.': '传输这么多字节后关闭连接。',
    'Split into': '拆分成',
    'up to': '最多到',
    'Piece delay': '小块间隔',
    'Coalesce': '合并',
    'Latency': '延迟',
    'Rate': '速率',
    'Close after': '关闭时机',
    'Give addresses as numbers, e.g. 127.0.0.1:7000 or [::1]:7000.': '请以数字形式给出地址，例如 127.0.0.1:7000 或 [::1]:7000。',
    'open': '打开',
    '%1 → %2 (as the server received it)': '%1 → %2（服务器收到时的样子）',
    '%1 → %2 (as the client received it)': '%1 → %2（客户端收到时的样子）',
    '%1 changed during the upload.': '%1 在上传过程中被修改了。',
    'switchboard-cli decode FILE [--framing NAME] [--stream N] [--json]\n\nReads a pcap or pcapng capture (tcpdump, Wireshark, Switchboard), reassembles each TCP stream\nand UDP flow and lists the conversations; with --stream N prints the messages of conversation N\nin both directions, cut under the framing.\n\n':
    'switchboard-cli decode FILE [--framing NAME] [--stream N] [--json]\n\n'
    '读取 pcap 或 pcapng 抓包文件（tcpdump、Wireshark、Switchboard），重组每条 TCP 流\n'
    '和 UDP 流并列出各个会话；使用 --stream N 时，按分帧方式切分\n'
    '并打印会话 N 两个方向上的消息。\n\n',
    'Framings:\n  v1                      Switchboard: 4-byte big-endian length + JSON header + "size" bytes\n  tutorial                struct.pack(\'i\') (little-endian signed) + JSON head + "filesize" bytes\n  len:N:be|le[:inclusive] an N-byte length prefix (N = 1, 2 or 4); inclusive: it counts itself\n  line                    lines ending in \\n\n  delim:HEX               records ending in the bytes HEX (e.g. delim:0d0a)\n  fixed:N                 records of N bytes\n  raw                     every chunk as it arrived':
    '分帧方式：\n'
    '  v1                      Switchboard：4 字节大端长度 + JSON 报头 + "size" 字节\n'
    "  tutorial                struct.pack('i')（小端有符号）+ JSON 报头 + \"filesize\" 字节\n"
    '  len:N:be|le[:inclusive] N 字节的长度前缀（N = 1、2 或 4）；inclusive：长度包含前缀自身\n'
    '  line                    以 \\n 结尾的行\n'
    '  delim:HEX               以字节 HEX 结尾的记录（例如 delim:0d0a）\n'
    '  fixed:N                 每条 N 字节的记录\n'
    '  raw                     按到达时的原样，每个数据块一条',
    "Send raw bytes to any TCP or UDP program and print what comes back, or (--listen) serve and print what arrives.\n\nExamples:\n  switchboard-cli raw tcp 127.0.0.1:7000 --text 'hello\\n'\n  switchboard-cli raw udp 127.0.0.1:7001 --hex '48 65 6c 6c 6f' --hex-out\n  switchboard-cli raw tcp 127.0.0.1:7000 --listen --echo --wait 10000":
    '向任意 TCP 或 UDP 程序发送原始字节并打印返回的内容，或者（--listen）提供服务并打印收到的内容。\n\n'
    '示例：\n'
    "  switchboard-cli raw tcp 127.0.0.1:7000 --text 'hello\\n'\n"
    "  switchboard-cli raw udp 127.0.0.1:7001 --hex '48 65 6c 6c 6f' --hex-out\n"
    '  switchboard-cli raw tcp 127.0.0.1:7000 --listen --echo --wait 10000',
    "Switchboard command-line client.\n\nCommands:\n  ping [--count N]                 measure the round-trip time to the server\n  register                         create the account --user (password as for login)\n  send ROOM TEXT...                send each TEXT to ROOM (or to --to USER: send TEXT...)\n  send --stdin ROOM                send one message per line read from standard input\n  listen ROOM [--count N]          print each new message in ROOM as one JSON line\n  upload FILE... --room ROOM | --to USER\n  download ID [-o PATH]\n  room create NAME [--private]     create a room; a private one is yours to manage\n  room invite NAME USER [--share-history]\n  room remove NAME USER            take USER off a private room's access list\n  room owner NAME USER             hand a private room over to USER\n  room members NAME                list a room's members (the owner marked)\n  search ROOM TEXT [--limit N] [--before ID]\n                                   messages of ROOM (or --to USER) containing TEXT, newest first\n  discover [--timeout MS]          print each server found on the LAN as one JSON line\n  decode FILE [--framing NAME | --up-framing NAME --down-framing NAME] [--stream N]\n         [--resync] [--json]\n                                   list a pcap/pcapng capture's conversations or print one's\n                                   messages (decode --help)\n  proxy --listen HOST:PORT --to HOST:PORT [--split N] ...\n                                   forward any TCP program's traffic, split or coalesced\n                                   on demand (proxy --help)\n  raw tcp|udp HOST:PORT ...        send to, or listen for, any TCP or UDP program (raw --help)\n  udp-room ROOM [--send TEXT] [--stdin] [--listen] [--on IFACE] [--json]\n                                   chat in a serverless UDP room (unauthenticated, unencrypted)\n\nThe password comes from the environment variable SWITCHBOARD_PASSWORD, from a file with\n--password-file, or from the first line of standard input with --password-stdin (asked\nfor without echo at a terminal). It never leaves this computer.\n\nConnections use TLS. A server seen for the first time is trusted and its certificate\nfingerprint recorded (printed to standard error); a server whose certificate changed\nis refused. Compare the fingerprint with the one the server logs at start.":
    'Switchboard 命令行客户端。\n\n命令：\n'
    '  ping [--count N]                 测量到服务器的往返时间\n'
    '  register                         创建账号 --user（密码与登录时相同）\n'
    '  send ROOM TEXT...                把每个 TEXT 发送到 ROOM（或用 --to USER：send TEXT...）\n'
    '  send --stdin ROOM                从标准输入每读一行发送一条消息\n'
    '  listen ROOM [--count N]          把 ROOM 的每条新消息打印为一行 JSON\n'
    '  upload FILE... --room ROOM | --to USER\n'
    '  download ID [-o PATH]\n'
    '  room create NAME [--private]     创建房间；私密房间由你管理\n'
    '  room invite NAME USER [--share-history]\n'
    '  room remove NAME USER            把 USER 从私密房间的访问名单中移除\n'
    '  room owner NAME USER             把私密房间移交给 USER\n'
    '  room members NAME                列出房间成员（标出房主）\n'
    '  search ROOM TEXT [--limit N] [--before ID]\n'
    '                                   ROOM（或 --to USER）中包含 TEXT 的消息，最新的在前\n'
    '  discover [--timeout MS]          把局域网上找到的每台服务器打印为一行 JSON\n'
    '  decode FILE [--framing NAME | --up-framing NAME --down-framing NAME] [--stream N]\n'
    '         [--resync] [--json]\n'
    '                                   列出 pcap/pcapng 抓包文件中的会话，或打印某个会话的\n'
    '                                   消息（decode --help）\n'
    '  proxy --listen HOST:PORT --to HOST:PORT [--split N] ...\n'
    '                                   转发任意 TCP 程序的流量，可按需拆分\n'
    '                                   或合并（proxy --help）\n'
    '  raw tcp|udp HOST:PORT ...        向任意 TCP 或 UDP 程序发送，或监听它们（raw --help）\n'
    '  udp-room ROOM [--send TEXT] [--stdin] [--listen] [--on IFACE] [--json]\n'
    '                                   在无服务器的 UDP 房间中聊天（未认证、未加密）\n'
    '\n密码取自环境变量 SWITCHBOARD_PASSWORD，或用 --password-file 从文件读取，\n'
    '或用 --password-stdin 从标准输入的第一行读取（在终端上输入时不回显）。\n'
    '密码绝不会离开这台计算机。\n\n连接使用 TLS。首次见到的服务器会被信任，\n'
    '并记录其证书指纹（打印到标准错误）；证书发生变化的服务器\n'
    '会被拒绝。请把指纹与服务器启动时记录的指纹相比较。',
    # Session 4 (cluster, failover, workbench resync)
    'Server to connect to (default 127.0.0.1:5151). Several nodes of one cluster: a:1,b:2 or the option repeated; they are tried in order.': '要连接的服务器（默认 127.0.0.1:5151）。同一集群的多个节点：a:1,b:2 或重复此选项；按顺序尝试。',
    'Now on %1': '现在连接到 %1',
    'Disconnected (%1): trying the next server': '连接已断开（%1）：正在尝试下一个服务器',
    'Listening to %1 (Ctrl+C stops)': '正在收听 %1（Ctrl+C 停止）',
    'switchboard-cli decode FILE [--framing NAME | --up-framing NAME --down-framing NAME] [--resync]\n                           [--stream N] [--json]\n\nReads a pcap or pcapng capture (tcpdump, Wireshark, Switchboard), reassembles each TCP stream\nand UDP flow and lists the conversations; with --stream N prints the messages of conversation N\nin both directions, cut under the framing. Up is client to server: the client is the side that\nsent the SYN, or, when the handshake was not captured, the side that sent the first packet.\n\n': 'switchboard-cli decode FILE [--framing NAME | --up-framing NAME --down-framing NAME] [--resync]\n                           [--stream N] [--json]\n\n读取 pcap 或 pcapng 抓包文件（tcpdump、Wireshark、Switchboard），重组每条 TCP 流\n和 UDP 流并列出会话；使用 --stream N 时按所选分帧方式打印会话 N 两个方向的消息。\n上行指客户端到服务器：客户端是发送 SYN 的一方；\n若未抓到握手，则是先发送数据包的一方。\n\n',
    'How to cut both directions into messages (default raw).': '如何把两个方向的数据流切分为消息（默认 raw）。',
    'The framing of the client-to-server direction.': '客户端到服务器方向的分帧方式。',
    'The framing of the server-to-client direction.': '服务器到客户端方向的分帧方式。',
    'After a gap or bytes the framing does not fit, find message boundaries again (line/delim: after the next delimiter; v1, tutorial, len: where two whole messages follow one another) and report the bytes skipped.': '遇到缺口或不符合分帧方式的字节后，重新寻找消息边界（line/delim：下一个分隔符之后；v1、tutorial、len：连续两条完整消息出现之处），并报告跳过的字节。',
    '%1: %2 bytes at byte %3 were not captured.': '%1：第 %3 字节处有 %2 字节未被抓到。',
    '%1: %2 bytes at byte %3 were not captured; decoding stops there (--resync goes on after it).': '%1：第 %3 字节处有 %2 字节未被抓到；解码在此停止（--resync 会在其后继续）。',
    '%1: skipped %2 bytes at %3..%4, %5.': '%1：跳过了 %3..%4 处的 %2 字节，%5。',
    '%1 up, %2 down': '上行 %1，下行 %2',
    ' (resync)': ' (重新同步)',
    'No server address given.': '未给出服务器地址。',
    'The framing %1 does not fit at byte 0: %2.': '分帧方式 %1 在第 0 字节处不匹配：%2。',
    'Bytes %1 to %2 were not captured.': '第 %1 到 %2 字节未被抓到。',
    'Bytes from offset %1 on were not captured: message boundaries after it are unknown (resync finds them again).': '从偏移量 %1 起的字节未被抓到：其后的消息边界未知（重新同步可再次找到）。',
    'Skipped %1 bytes at %2..%3, %4.': '跳过了 %2..%3 处的 %1 字节，%4。',
    'an incomplete message cut off by the gap': '一条被缺口截断的不完整消息',
    'after the gap at byte %1': '位于第 %1 字节处的缺口之后',
    'where the framing did not fit (byte %1)': '分帧方式不匹配之处（第 %1 字节）',
    '(no message boundary found before the end)': '（直到结尾都未找到消息边界）',
    '--cluster takes redis://HOST:PORT, not "%1".': '--cluster 需要 redis://HOST:PORT，而不是“%1”。',
    'The database %1 changed its schema version under this server.': '数据库 %1 的结构版本在本服务器运行期间被更改。',
    'Cannot lock the schema of %1: %2': '无法锁定 %1 的数据库结构：%2',
    'The database URL is empty.': '数据库 URL 为空。',
    'The database URL %1 names no file.': '数据库 URL %1 未指定文件。',
    'Unknown database URL %1: use sqlite:PATH or postgresql://USER@HOST:PORT/DB.': '未知的数据库 URL %1：请使用 sqlite:PATH 或 postgresql://USER@HOST:PORT/DB。',
    'Invalid database URL %1: use postgresql://USER@HOST:PORT/DB.': '无效的数据库 URL %1：请使用 postgresql://USER@HOST:PORT/DB。',
    'The database URL must not carry a password: use --database-password-file or %1.': '数据库 URL 中不能包含密码：请使用 --database-password-file 或 %1。',
    'The database URL %1 takes no query or fragment.': '数据库 URL %1 不接受查询参数或片段。',
    'Invalid port in the database URL %1.': '数据库 URL %1 中的端口无效。',
    'The database URL %1 names no database (…/DB).': '数据库 URL %1 未指定数据库（…/DB）。',
    'Cannot read the database password file %1: %2': '无法读取数据库密码文件 %1：%2',
    'Resync': '重新同步',
    'After a gap or bytes the framing does not fit, find the message boundaries again (line and delim: after the next delimiter; length-prefixed: where two whole messages follow one another) instead of stopping.': '遇到缺口或不符合分帧方式的字节后，不停止，而是重新寻找消息边界（line 和 delim：下一个分隔符之后；长度前缀：连续两条完整消息出现之处）。',
    'Framing up (client → server):': '上行分帧（客户端 → 服务器）：',
    'down:': '下行：',
    'Up (client → server)': '上行（客户端 → 服务器）',
    'Down (server → client)': '下行（服务器 → 客户端）',
    'Server address, e.g. 192.168.1.20 (cluster nodes: a:5151, b:5151)': '服务器地址，例如 192.168.1.20（集群节点：a:5151, b:5151）',
    'Creating account %1 on %2…': '正在 %2 上创建账户 %1…',
    'Online as %1 on node %2 (%3 of %4)': '以 %1 在线，节点 %2（第 %3 个，共 %4 个）',
    'Connection lost — reconnecting to %1…': '连接已断开 — 正在重新连接到 %1…',
    'Usage: switchboard-server [--data DIR | --database URL] user add NAME | list | del NAME | import FILE': '用法：switchboard-server [--data DIR | --database URL] user add NAME | list | del NAME | import FILE',
    'The database: postgresql://USER@HOST:PORT/DB (several servers may share it), sqlite:PATH or a PATH. Default: switchboard.db in the data directory.': '数据库：postgresql://USER@HOST:PORT/DB（可由多个服务器共享）、sqlite:PATH 或一个路径。默认：数据目录中的 switchboard.db。',
    "Read the PostgreSQL password from the first line of FILE (never on the command line). Default: the environment variable SWITCHBOARD_DATABASE_PASSWORD, else none (the database server's own authentication).": '从 FILE 的第一行读取 PostgreSQL 密码（绝不在命令行中给出）。默认：环境变量 SWITCHBOARD_DATABASE_PASSWORD，否则不使用密码（由数据库服务器自己认证）。',
    'Store uploaded files in DIR instead of <data>/files: a directory shared by every node of a cluster (with one shared database), so a file uploaded through one node downloads through any other.': '把上传的文件存放在 DIR 而不是 <data>/files：一个由集群所有节点共享的目录（配合共享数据库），这样经一个节点上传的文件可以经任何其他节点下载。',
    'Share presence, rooms and deliveries with the other nodes through Redis at URL (redis://HOST:PORT; docs/CLUSTER.md).': '通过位于 URL 的 Redis 与其他节点共享在线状态、房间和消息投递（redis://HOST:PORT；见 docs/CLUSTER.md）。',
    "This node's name in the cluster (default: host name:process id).": '本节点在集群中的名称（默认：主机名:进程号）。',
}

# Same source text, different meaning in a particular context.
CONTEXT = {
    # StreamAnalyzer::chunkWord(): spliced after a number or after 一/每/本/多 (see above).
    ('StreamAnalyzer', 'write'): '次写入',
    ('StreamAnalyzer', 'writes'): '次写入',
    ('StreamAnalyzer', 'read'): '次读取',
    ('StreamAnalyzer', 'reads'): '次读取',
    # CaptureModel: "%1 of %2 B, ..." with %1 = write/read → "写入 120 B，…"
    ('Switchboard::CaptureModel', 'write'): '写入',
    ('Switchboard::CaptureModel', 'read'): '读取',
    # SocketLabWindow: traffic-log direction column and the rule's match-mode combo.
    ('Switchboard::SocketLabWindow', 'in'): '收',
    ('Switchboard::SocketLabWindow', 'out'): '发',
    ('Switchboard::SocketLabWindow', 'text'): '文本',
    ('Switchboard::SocketLabWindow', 'regex'): '正则表达式',
    ('Switchboard::SocketLabWindow', 'hex'): '十六进制',
}

# ---------------------------------------------------------------------------

PLACEHOLDER = re.compile(r'%(?:L?\d+|n)')
TAG = re.compile(r'<[^>]+>')


def unescape(s):
    return html.unescape(s)


def escape(s):
    """Escape like lupdate does (protect() in Qt's linguist)."""
    out = []
    for ch in s:
        if ch == '&':
            out.append('&amp;')
        elif ch == '<':
            out.append('&lt;')
        elif ch == '>':
            out.append('&gt;')
        elif ch == '"':
            out.append('&quot;')
        elif ch == "'":
            out.append('&apos;')
        elif ord(ch) < 0x20 and ch not in '\n\r\t':
            out.append('&#x%x;' % ord(ch))
        else:
            out.append(ch)
    return ''.join(out)


def accelerator(s):
    m = re.search(r'&([^&\s])', s.replace('&&', ''))
    return m.group(1).lower() if m else None


def check(source, translation):
    """Return a list of problems with a translation."""
    problems = []
    if sorted(set(PLACEHOLDER.findall(source))) != sorted(set(PLACEHOLDER.findall(translation))):
        problems.append('placeholders differ: %s vs %s' % (sorted(set(PLACEHOLDER.findall(source))),
                                                           sorted(set(PLACEHOLDER.findall(translation)))))
    if TAG.findall(source) != TAG.findall(translation):
        problems.append('HTML tags differ')
    if source.count('\n') != translation.count('\n'):
        problems.append('line breaks differ')
    if accelerator(source) != accelerator(translation):
        problems.append('accelerator differs: %r vs %r' % (accelerator(source), accelerator(translation)))
    if source.endswith('…') != translation.endswith('…'):
        problems.append('trailing ellipsis differs')
    if source.endswith(':') and not translation.endswith(('：', ':')):
        problems.append('trailing colon missing')
    if source.startswith(' ') != translation.startswith(' ') or source.endswith(' ') != translation.endswith(' '):
        problems.append('leading/trailing space differs')
    return problems


MESSAGE = re.compile(r'(<message(?P<attrs>[^>]*)>)(?P<body>.*?)(</message>)', re.S)
CONTEXT_BLOCK = re.compile(r'<context>(?P<body>.*?)</context>', re.S)
TRANSLATION = re.compile(r'<translation(?P<attrs>[^>]*?)(?:/>|>(?P<text>.*?)</translation>)', re.S)


def lookup(context, source):
    if (context, source) in CONTEXT:
        return CONTEXT[(context, source)]
    short = context.split('::')[-1]
    if (short, source) in CONTEXT:
        return CONTEXT[(short, source)]
    return GENERAL.get(source)


def render(translation, numerus, indent='        '):
    if numerus:
        return ('<translation>\n%s    <numerusform>%s</numerusform>\n%s</translation>'
                % (indent, escape(translation), indent))
    return '<translation>%s</translation>' % escape(translation)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--ts', default=os.path.join(here, 'switchboard_zh_CN.ts'))
    ap.add_argument('--force', action='store_true')
    ap.add_argument('--dry-run', action='store_true')
    ap.add_argument('--list', action='store_true')
    args = ap.parse_args()

    with open(args.ts, encoding='utf-8') as f:
        text = f.read()

    bad = []
    for src, tr in list(GENERAL.items()) + [((c, s), t) for (c, s), t in CONTEXT.items()]:
        s = src[1] if isinstance(src, tuple) else src
        for p in check(s, tr):
            bad.append('%r: %s' % (src, p))
    if bad:
        print('Dictionary problems:', *bad, sep='\n  ')
        return 2

    stats = {'filled': 0, 'kept': 0, 'forced': 0, 'missing': []}
    used = set()

    def do_message(context, m):
        attrs, body = m.group('attrs'), m.group('body')
        numerus = 'numerus="yes"' in attrs
        src_m = re.search(r'<source>(.*?)</source>', body, re.S)
        if not src_m:
            return m.group(0)
        source = unescape(src_m.group(1))
        tm = TRANSLATION.search(body)
        if not tm:
            return m.group(0)
        tattrs = tm.group('attrs')
        if 'vanished' in tattrs or 'obsolete' in tattrs:
            return m.group(0)
        unfinished = 'unfinished' in tattrs
        wanted = lookup(context, source)
        if wanted is not None:
            used.add((context, source))
        if not unfinished:
            current = tm.group('text') or ''
            if numerus:
                forms = re.findall(r'<numerusform>(.*?)</numerusform>', current, re.S)
                current = unescape(forms[0]) if forms else ''
            else:
                current = unescape(current)
            if args.force and wanted is not None and current != wanted:
                stats['forced'] += 1
            else:
                stats['kept'] += 1
                return m.group(0)
        if wanted is None:
            stats['missing'].append((context, source, numerus))
            return m.group(0)
        if not unfinished:
            pass
        else:
            stats['filled'] += 1
        new_body = body[:tm.start()] + render(wanted, numerus) + body[tm.end():]
        return m.group(1) + new_body + m.group(4)

    def do_context(cm):
        body = cm.group('body')
        name = unescape(re.search(r'<name>(.*?)</name>', body, re.S).group(1))
        return '<context>' + MESSAGE.sub(lambda m: do_message(name, m), body) + '</context>'

    new_text = CONTEXT_BLOCK.sub(do_context, text)

    if not args.dry_run and new_text != text:
        with open(args.ts, 'w', encoding='utf-8') as f:
            f.write(new_text)

    total = len(MESSAGE.findall(text))
    print('%s: %d messages; filled %d, forced %d, already translated %d, untranslated %d'
          % (os.path.relpath(args.ts), total, stats['filled'], stats['forced'], stats['kept'],
             len(stats['missing'])))
    unused = [k for k in GENERAL if not any(src == k for _, src in used)]
    if unused:
        print('%d dictionary entries are not used by the .ts file (source text changed or removed?)'
              % len(unused))
        if args.list:
            for k in unused:
                print('  unused: %r' % k)
    if stats['missing']:
        print('Untranslated (add them to GENERAL or CONTEXT in %s):' % os.path.basename(__file__))
        for context, source, numerus in stats['missing']:
            if args.list:
                print('    %r: %r,%s' % (source, '', '  # %s%s' % (context, ', plural' if numerus else '')))
            else:
                print('  [%s]%s %r' % (context, ' (plural)' if numerus else '', source))
    return 1 if stats['missing'] else 0


if __name__ == '__main__':
    sys.exit(main())
