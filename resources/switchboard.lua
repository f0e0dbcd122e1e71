-- Switchboard protocol dissector for Wireshark / tshark (tested with 4.0).
--
-- Wire format (docs/PROTOCOL.md, "Framing"): a frame is a 4-byte big-endian length N, then N bytes
-- of UTF-8 JSON (an object with a string "type"), then "size" bytes of payload when the header has
-- a "size" member. Frames are carried over TCP, split and coalesced in any way, so this dissector
-- uses dissect_tcp_pdus to reassemble them; it asks for more data while the header itself is
-- incomplete, because the frame's length depends on "size" inside the header.
--
-- Use:
--   wireshark -X lua_script:switchboard.lua capture.pcapng
--   tshark -X lua_script:switchboard.lua -r capture.pcapng -T fields -e switchboard.type
-- Other ports: Edit > Preferences > Protocols > Switchboard > TCP ports, "Decode As...",
--   or  tshark ... -o switchboard.ports:5151,6000   or   tshark ... -d tcp.port==6000,switchboard
-- Or copy it into the personal plugins folder (~/.local/lib/wireshark/plugins/).

local sb = Proto("switchboard", "Switchboard Protocol")

local f_length  = ProtoField.uint32("switchboard.length", "Header length", base.DEC)
local f_header  = ProtoField.string("switchboard.header", "Header")
local f_type    = ProtoField.string("switchboard.type", "Type")
local f_id      = ProtoField.int64("switchboard.id", "Request id", base.DEC)
local f_code    = ProtoField.string("switchboard.code", "Error code")
local f_message = ProtoField.string("switchboard.message", "Error message")
local f_size    = ProtoField.uint64("switchboard.size", "Payload size", base.DEC)
local f_member  = ProtoField.string("switchboard.member", "Header member")
local f_payload = ProtoField.bytes("switchboard.payload", "Payload")
local f_len     = ProtoField.uint32("switchboard.frame_length", "Frame length", base.DEC)

sb.fields = { f_length, f_header, f_type, f_id, f_code, f_message, f_size, f_member, f_payload, f_len }

local e_malformed = ProtoExpert.new("switchboard.malformed", "Malformed Switchboard frame",
                                    expert.group.MALFORMED, expert.severity.ERROR)
local e_error = ProtoExpert.new("switchboard.error_frame", "Switchboard error frame",
                                expert.group.RESPONSE_CODE, expert.severity.WARN)
sb.experts = { e_malformed, e_error }

local DEFAULT_PORTS = "5151"
sb.prefs.ports = Pref.range("TCP ports", DEFAULT_PORTS, "TCP ports decoded as Switchboard", 65535)
sb.prefs.max_header = Pref.uint("Maximum header length", 65536,
                                "Length prefixes above this are treated as not Switchboard (server default: 65536)")
sb.prefs.max_payload = Pref.uint("Maximum payload size", 16777216,
                                 "Larger \"size\" values are reported as malformed instead of awaited (server default: 16 MiB)")
sb.prefs.heuristic = Pref.bool("Detect on any port", true,
                               "Recognise Switchboard connections on other ports by their first frame")

---------------------------------------------------------------------------------------------------
-- A minimal JSON scanner: finds the top-level members of the header object and their byte
-- positions (1-based, in the Lua string s), without building the values.

local function skip_ws(s, i)
    local n = #s
    while i <= n do
        local c = s:byte(i)
        if c ~= 32 and c ~= 9 and c ~= 10 and c ~= 13 then break end
        i = i + 1
    end
    return i
end

-- s:byte(i) is '"'; returns the index after the closing quote, or nil.
local function scan_string(s, i)
    local n = #s
    i = i + 1
    while i <= n do
        local c = s:byte(i)
        if c == 92 then          -- backslash: skip the escaped character
            i = i + 2
        elseif c == 34 then
            return i + 1
        else
            i = i + 1
        end
    end
    return nil
end

local function scan_value(s, i)
    local n = #s
    local c = s:byte(i)
    if c == nil then return nil end
    if c == 34 then return scan_string(s, i) end
    if c == 123 or c == 91 then  -- object or array: balance brackets outside strings
        local depth = 0
        while i <= n do
            c = s:byte(i)
            if c == 34 then
                i = scan_string(s, i)
                if not i then return nil end
            else
                if c == 123 or c == 91 then
                    depth = depth + 1
                elseif c == 125 or c == 93 then
                    depth = depth - 1
                    if depth == 0 then return i + 1 end
                end
                i = i + 1
            end
        end
        return nil
    end
    local j = i                  -- number, true, false, null
    while j <= n do
        c = s:byte(j)
        if c == 44 or c == 125 or c == 93 or c == 32 or c == 9 or c == 10 or c == 13 then break end
        j = j + 1
    end
    if j == i then return nil end
    return j
end

-- Returns an array of { key, kstart, vstart, vend } (vend exclusive), or nil and a reason.
local function scan_members(s)
    local i = skip_ws(s, 1)
    if s:byte(i) ~= 123 then return nil, "the header is not a JSON object" end
    i = skip_ws(s, i + 1)
    local members = {}
    if s:byte(i) == 125 then return members end
    while true do
        if s:byte(i) ~= 34 then return nil, "expected a member name" end
        local kend = scan_string(s, i)
        if not kend then return nil, "unterminated member name" end
        local key = s:sub(i + 1, kend - 2)
        local j = skip_ws(s, kend)
        if s:byte(j) ~= 58 then return nil, "expected ':'" end
        j = skip_ws(s, j + 1)
        local vend = scan_value(s, j)
        if not vend then return nil, "bad value of \"" .. key .. "\"" end
        members[#members + 1] = { key = key, kstart = i, vstart = j, vend = vend }
        i = skip_ws(s, vend)
        local c = s:byte(i)
        if c == 44 then
            i = skip_ws(s, i + 1)
        elseif c == 125 then
            return members
        else
            return nil, "expected ',' or '}'"
        end
    end
end

local function utf8_char(cp)
    if cp < 0x80 then return string.char(cp) end
    if cp < 0x800 then
        return string.char(0xC0 + math.floor(cp / 0x40), 0x80 + cp % 0x40)
    end
    return string.char(0xE0 + math.floor(cp / 0x1000), 0x80 + math.floor(cp / 0x40) % 0x40, 0x80 + cp % 0x40)
end

-- The text of a JSON string value (quotes removed, common escapes decoded).
local function json_string(raw)
    local body = raw:sub(2, -2)
    local escapes = { ['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f', n = '\n', r = '\r', t = '\t' }
    body = body:gsub("\\u(%x%x%x%x)", function(h) return utf8_char(tonumber(h, 16)) end)
    body = body:gsub("\\(.)", function(c) return escapes[c] or c end)
    return body
end

local function find_member(members, s, key)
    for _, m in ipairs(members) do
        if m.key == key then return m, s:sub(m.vstart, m.vend - 1) end
    end
    return nil
end

---------------------------------------------------------------------------------------------------
-- Frame length, for dissect_tcp_pdus. Called with at least 4 bytes from offset when TCP
-- reassembly is on (the default), with whatever the segment holds when it is off.

local function get_frame_length(tvb, pinfo, offset)
    local available = tvb:len() - offset
    if available < 4 then           -- only without reassembly: a piece of a length prefix
        return available
    end
    local n = tvb(offset, 4):uint()
    if n == 0 or n > sb.prefs.max_header then
        return available           -- not a valid frame: consume the rest, dissect marks it malformed
    end
    if available < 4 + n then
        -- The header is incomplete, so "size" is unknown yet. 0 asks for one more segment
        -- (DESEGMENT_ONE_MORE_SEGMENT); without reassembly, show what there is.
        if pinfo.can_desegment > 0 then return 0 end
        return available
    end
    local s = tvb:raw(offset + 4, n)
    local members = scan_members(s)
    if not members then return 4 + n end
    local _, raw = find_member(members, s, "size")
    local size = raw and tonumber(raw) or 0
    if size == nil or size < 0 or size ~= math.floor(size) or size > sb.prefs.max_payload then size = 0 end
    return 4 + n + size
end

local function set_info(pinfo, text)
    -- The first frame in a packet replaces TCP's summary, later ones are appended.
    if tostring(pinfo.cols.protocol) ~= "Switchboard" then
        pinfo.cols.protocol = "Switchboard"
        pinfo.cols.info = text
    else
        pinfo.cols.info:append(", " .. text)
    end
end

local function dissect_frame(tvb, pinfo, tree)
    local total = tvb:len()
    local item = tree:add(sb, tvb(), "Switchboard frame")
    item:add(f_len, tvb(), total):set_generated()
    if total < 4 then
        item:add_proto_expert_info(e_malformed, "Truncated length prefix")
        set_info(pinfo, "[truncated]")
        return total
    end
    local n = tvb(0, 4):uint()
    item:add(f_length, tvb(0, 4))
    if n == 0 or n > sb.prefs.max_header or 4 + n > total then
        item:add_proto_expert_info(e_malformed, "Bad header length " .. n)
        item:append_text(": malformed")
        set_info(pinfo, "[malformed]")
        return total
    end
    local hdr = item:add_packet_field(f_header, tvb(4, n), ENC_UTF_8)
    local s = tvb:raw(4, n)
    local members, why = scan_members(s)
    if not members then
        hdr:add_proto_expert_info(e_malformed, why)
        set_info(pinfo, "[malformed header]")
        return total
    end
    local type_text = "?"
    local summary = {}
    for _, m in ipairs(members) do
        local raw = s:sub(m.vstart, m.vend - 1)
        local range = tvb(4 + m.kstart - 1, m.vend - m.kstart)
        local value_range = tvb(4 + m.vstart - 1, m.vend - m.vstart)
        if m.key == "type" and raw:byte(1) == 34 then
            type_text = json_string(raw)
            hdr:add(f_type, value_range, type_text)
        elseif m.key == "id" and tonumber(raw) then
            hdr:add(f_id, value_range, Int64.new(tonumber(raw)))
            summary[#summary + 1] = "id=" .. raw
        elseif m.key == "code" and raw:byte(1) == 34 then
            hdr:add(f_code, value_range, json_string(raw))
            summary[#summary + 1] = json_string(raw)
        elseif m.key == "message" and raw:byte(1) == 34 then
            hdr:add(f_message, value_range, json_string(raw))
        elseif m.key == "size" and tonumber(raw) then
            local size_item = hdr:add(f_size, value_range, UInt64.new(tonumber(raw)))
            if tonumber(raw) > sb.prefs.max_payload then
                size_item:add_proto_expert_info(e_malformed, "Payload size above the limit; payload not awaited")
            end
        else
            local shown = raw
            if #shown > 80 then shown = shown:sub(1, 77) .. "..." end
            hdr:add(f_member, range, m.key .. ": " .. shown)
        end
    end
    if type_text == "error" then
        item:add_proto_expert_info(e_error)
    end
    local payload = total - 4 - n
    if payload > 0 then
        item:add(f_payload, tvb(4 + n, payload))
        summary[#summary + 1] = payload .. " B"
    end
    local text = type_text
    if #summary > 0 then text = text .. " (" .. table.concat(summary, ", ") .. ")" end
    item:append_text(": " .. text)
    set_info(pinfo, text)
    return total
end

function sb.dissector(tvb, pinfo, tree)
    if tvb:len() == 0 then return 0 end
    dissect_tcp_pdus(tvb, tree, 4, get_frame_length, dissect_frame, true)
    return tvb:len()
end

---------------------------------------------------------------------------------------------------
-- Heuristic: a connection whose first bytes look like a Switchboard frame ("\0\0\0N{...").

local function looks_like_switchboard(tvb)
    if tvb:len() < 6 then return false end
    local n = tvb(0, 4):uint()
    if n < 2 or n > sb.prefs.max_header then return false end
    if tvb(4, 1):uint() ~= 123 then return false end -- '{'
    local c = tvb(5, 1):uint()
    if c ~= 34 and c ~= 32 and c ~= 10 and c ~= 13 and c ~= 9 then return false end
    if tvb:len() >= 4 + n then
        local s = tvb:raw(4, n)
        local members = scan_members(s)
        if not members then return false end
        local m, raw = find_member(members, s, "type")
        if not m or raw:byte(1) ~= 34 then return false end
    end
    return true
end

local function heuristic(tvb, pinfo, tree)
    if not sb.prefs.heuristic or not looks_like_switchboard(tvb) then return false end
    pinfo.conversation = sb -- the rest of this connection goes to this dissector
    sb.dissector(tvb, pinfo, tree)
    return true
end

---------------------------------------------------------------------------------------------------
-- Registration: the configured ports, "Decode As", and the heuristic.

local tcp_table = DissectorTable.get("tcp.port")
local registered_ports = nil

local function register_ports()
    if registered_ports then
        tcp_table:remove(registered_ports, sb)
    end
    registered_ports = tostring(sb.prefs.ports)
    if registered_ports ~= "" then
        tcp_table:add(registered_ports, sb)
    end
end

function sb.prefs_changed()
    register_ports()
end

register_ports()
pcall(function() tcp_table:add_for_decode_as(sb) end)
sb:register_heuristic("tcp", heuristic)
