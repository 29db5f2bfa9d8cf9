-- The call state machine, one atomic step per call event (or per timeout). Runs on Redis 6.2+
-- (EVALSHA). All KEYS share the call's hash tag {pN}, so it also runs on a Cluster.
--
-- One hash per call holds its folded state. An event is recorded once (its token is a hash field),
-- XADDs its message, and folds in: states only move forward (ringing < queued < answered) and a
-- terminal state (completed, abandoned, missed, voicemail, failed, timed_out) is sticky. The step
-- that ends the call opens its ticket and schedules the recordings that arrived before it. A
-- recording or transcript that arrives after the ticket is scheduled / appended at once.
--
-- A callback-required call of a known number is not closed here: one caller must get one callback
-- ticket whatever partition each call id falls in, so the caller's callback window lives in the
-- CALLER's partition, which a Cluster may hold on another node. The step answers 3 'window' with
-- the ticket's events as templates (@@ticket@@ / @@tracking@@), marks the call 'cl' = window and
-- keeps it among the open calls a few seconds; RedisCallStore runs callback.lua in the caller's
-- partition (open a ticket or append to the open one, idempotent per call) and then the 'settle'
-- step here. A crash in between is retried by the sweeper's timeout step, which offers the same
-- deferred close again.
--
-- KEYS[1] call hash        KEYS[2] messages stream     KEYS[3] tickets stream
-- KEYS[4] tracking sequence of the day                 KEYS[5] open calls (zset, score = deadline)
-- KEYS[6] pending recording downloads (zset, score = due ms)
-- KEYS[7] the day's status hash ({prefix}:{pN}:status:{yyMMdd})
-- ARGV[1] mode: event | timeout | settle   ARGV[2] now ms   ARGV[3] now, RFC 3339
--         (settle: ARGV[4] ticket id, ARGV[5] tracking number, ARGV[6] opened | appended)
-- ARGV[4] event token                ARGV[5] event kind    ARGV[6] message id
-- ARGV[7] message event JSON         ARGV[8] message type
-- ARGV[9] facts (JSON object: at, atIso, direction, callee, agent, cause, duration, wait,
--         answeredAt, answeredAtIso, afterHours, transcript, recording = fetch member template)
-- ARGV[10] citizen JSON   ARGV[11] citizen strength: phone | anonymous | absent
-- ARGV[12] partition key (pseudonym)
-- ARGV[13] new ticket id
-- ARGV[14] ticket.opened envelope, ARGV[15] ticket.appended envelope: written by Java
--          (EventFactory.envelope) with the slots "@@subject@@", "@@partitionkey@@", "@@data@@"
-- ARGV[16] tracking prefix   ARGV[17] sequence TTL s   ARGV[18] call hash TTL s
-- ARGV[19] call timeout ms   ARGV[20] callback window ms
-- ARGV[21] (unused)          ARGV[22] account          ARGV[23] call id   ARGV[24] vendor
-- ARGV[25] ticket.opened type   ARGV[26] ticket.appended type   ARGV[27] (unused)
-- ARGV[28] status records TTL seconds (status.retention)
-- ARGV[29] the caller's reply route ('' = none; docs/replies.md), kept with the citizen as 'rt'
--
-- Returns {1 recorded | 0 duplicate | 2 nothing to do, state, ticket id, tracking number,
--          'opened' | 'appended' | ''} (the last: what this step did with the ticket), or
--         {3, state, '', '', 'window', ticket.opened template, ticket.appended template,
--          status record template, caller pseudonym, caller's reply route} for a deferred
--          callback close.

local call = KEYS[1]
local mode = ARGV[1]
local now = tonumber(ARGV[2])

local RANK = {ringing = 1, queued = 2, answered = 3}
local TERMINAL = {completed = true, abandoned = true, missed = true, voicemail = true,
  failed = true, timed_out = true}
local CALLBACK = {abandoned = true, missed = true, voicemail = true}

local function q(s)
  s = string.gsub(tostring(s), '[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == '\\' then return '\\\\' end
    if c == '\n' then return '\\n' end
    return string.format('\\u%04x', string.byte(c))
  end)
  return '"' .. s .. '"'
end

local function hget(f)
  local v = redis.call('HGET', call, f)
  if v == false then return nil end
  return v
end

local function result(code, did)
  return {code, hget('st') or '', hget('tk') or '', hget('tn') or '', did or ''}
end

-- ---- fold one event ---------------------------------------------------------------------------

local function keep_first(field, value, iso)
  if value and (hget(field) == nil or tonumber(hget(field)) > value) then
    redis.call('HSET', call, field, value, field .. 's', iso)
  end
end

local function fold(kind, f)
  for _, name in ipairs({'direction', 'callee', 'agent', 'cause', 'duration', 'wait'}) do
    if f[name] ~= nil and not (name == 'agent' and hget('agent') and kind ~= 'transferred') then
      redis.call('HSET', call, name, f[name])
    end
  end
  keep_first('t0', f.at, f.atIso)
  if kind == 'queued' then keep_first('tq', f.at, f.atIso) end
  if kind == 'answered' or kind == 'transferred' then keep_first('ta', f.at, f.atIso) end
  if f.answeredAt then keep_first('ta', f.answeredAt, f.answeredAtIso) end
  if f.afterHours then redis.call('HSET', call, 'vm', '1') end
  local st = hget('st')
  if TERMINAL[st] then return end
  local target = kind
  if kind == 'transferred' then target = 'answered' end
  if kind == 'completed' and hget('vm') then target = 'voicemail' end
  if TERMINAL[target] then
    redis.call('HSET', call, 'st', target)
    keep_first('te', f.at, f.atIso)
  elseif RANK[target] and (st == nil or RANK[target] > RANK[st]) then
    redis.call('HSET', call, 'st', target)
  end
end

-- ---- the ticket -------------------------------------------------------------------------------

local function num_field(name, value)
  if value == nil then return '' end
  return ',"' .. name .. '":' .. string.format('%d', math.floor(tonumber(value)))
end

local function str_field(name, value)
  if value == nil then return '' end
  return ',"' .. name .. '":' .. q(value)
end

local function call_json(st, callback)
  local ta, te, tq = tonumber(hget('ta')), tonumber(hget('te')), tonumber(hget('tq'))
  local duration = hget('duration')
  if duration == nil and ta and te and te >= ta then duration = (te - ta) / 1000 end
  local wait = hget('wait')
  if wait == nil and tq and (ta or te) and (ta or te) >= tq then wait = ((ta or te) - tq) / 1000 end
  return '{"callId":' .. q(ARGV[23]) .. ',"vendor":' .. q(ARGV[24])
    .. str_field('direction', hget('direction')) .. ',"state":' .. q(st)
    .. ',"callbackRequired":' .. tostring(callback)
    .. str_field('startedAt', hget('t0s')) .. str_field('answeredAt', hget('tas'))
    .. str_field('endedAt', hget('tes')) .. num_field('durationSeconds', duration)
    .. num_field('queueWaitSeconds', wait) .. str_field('endCause', hget('cause'))
    .. str_field('agent', hget('agent')) .. str_field('callee', hget('callee')) .. '}'
end

local function splice(s, slot, value)
  local a, b = string.find(s, slot, 1, true)
  return string.sub(s, 1, a - 1) .. value .. string.sub(s, b + 1)
end

-- fills an envelope Java wrote (EventFactory.envelope): the script only knows subject, key, data
local function envelope(template, ticket, data)
  local e = splice(template, '"@@subject@@"', q(ticket))
  e = splice(e, '"@@partitionkey@@"', q(hget('pk')))
  return splice(e, '"@@data@@"', data)
end

local function appended(ticket, tracking, kind, extra)
  local mids = hget('mids') or ''
  local last = string.match(mids, '([^,]+)$') or ARGV[6]
  local data = '{"trackingNumber":' .. q(tracking) .. ',"ticketId":' .. q(ticket)
    .. ',"messageId":' .. q(last) .. ',"appendedAt":' .. q(ARGV[3])
    .. ',"channel":"telephony","account":' .. q(ARGV[22]) .. ',"citizen":' .. hget('cz')
    .. ',"kind":' .. q(kind) .. extra .. '}'
  redis.call('XADD', KEYS[3], '*', 'type', ARGV[26], 'event', envelope(ARGV[15], ticket, data))
end

--#include ticket

local function index_status(ticket, tracking)
  local record = '{"ticketId":' .. q(ticket) .. ',"openedAt":' .. q(ARGV[3])
    .. ',"channel":"telephony","account":' .. q(ARGV[22]) .. ',"status":"received","history":[]}'
  ticket_index(KEYS[7], tracking, ticket, record, ARGV[28], hget('rt'))
end

local function open_ticket(st, callback)
  local tracking = ticket_draw(KEYS[4], ARGV[16], ARGV[17], nil)
  local ticket = ARGV[13]
  local mids = {}
  for id in string.gmatch(hget('mids') or '', '[^,]+') do mids[#mids + 1] = q(id) end
  local data = '{"trackingNumber":' .. q(tracking) .. ',"ticketId":' .. q(ticket)
    .. ',"openedAt":' .. q(ARGV[3]) .. ',"channel":"telephony","account":' .. q(ARGV[22])
    .. ',"citizen":' .. hget('cz') .. str_field('text', hget('tx'))
    .. ',"messageIds":[' .. table.concat(mids, ',') .. '],"call":' .. call_json(st, callback) .. '}'
  redis.call('XADD', KEYS[3], '*', 'type', ARGV[25], 'event', envelope(ARGV[14], ticket, data))
  index_status(ticket, tracking)
  return ticket, tracking
end

local function schedule(member)
  local citizen = cjson.decode(hget('cz'))
  local filled = string.gsub(member, '@@ticket@@', hget('tk'))
  filled = string.gsub(filled, '@@tracking@@', hget('tn'))
  filled = string.gsub(filled, '@@pseudonym@@', citizen.pseudonym)
  filled = string.gsub(filled, '@@scheme@@', citizen.scheme)
  redis.call('ZADD', KEYS[6], now, filled)
end

local function settle(ticket, tracking)
  redis.call('HSET', call, 'tk', ticket, 'tn', tracking)
  redis.call('HDEL', call, 'cl')
  redis.call('ZREM', KEYS[5], call)
  for member in string.gmatch(hget('recs') or '', '[^\n]+') do schedule(member) end
  redis.call('HDEL', call, 'recs')
end

local function is_callback(st)
  return CALLBACK[st] == true or (st == 'timed_out' and hget('ta') == nil)
end

-- the deferred close: the ticket's events with placeholders for what callback.lua decides
local function deferred(st)
  redis.call('HSET', call, 'cl', 'window')
  redis.call('ZADD', KEYS[5], now + 5000, call)
  local call_data = call_json(st, true)
  local mids = {}
  for id in string.gmatch(hget('mids') or '', '[^,]+') do mids[#mids + 1] = q(id) end
  local last = string.match(hget('mids') or '', '([^,]+)$') or ARGV[6]
  local head = '{"trackingNumber":"@@tracking@@","ticketId":"@@ticket@@"'
  local opened = head .. ',"openedAt":' .. q(ARGV[3]) .. ',"channel":"telephony","account":'
    .. q(ARGV[22]) .. ',"citizen":' .. hget('cz') .. str_field('text', hget('tx'))
    .. ',"messageIds":[' .. table.concat(mids, ',') .. '],"call":' .. call_data .. '}'
  local appended_data = head .. ',"messageId":' .. q(last) .. ',"appendedAt":' .. q(ARGV[3])
    .. ',"channel":"telephony","account":' .. q(ARGV[22]) .. ',"citizen":' .. hget('cz')
    .. ',"kind":"call","call":' .. call_data .. '}'
  local record = '{"ticketId":"@@ticket@@","openedAt":' .. q(ARGV[3])
    .. ',"channel":"telephony","account":' .. q(ARGV[22]) .. ',"status":"received","history":[]}'
  return {3, st, '', '', 'window', envelope(ARGV[14], '@@ticket@@', opened),
    envelope(ARGV[15], '@@ticket@@', appended_data), record, hget('pk'), hget('rt') or ''}
end

local function close(st)
  if is_callback(st) and hget('czs') == 'phone' then
    return nil, deferred(st)
  end
  local ticket, tracking = open_ticket(st, is_callback(st))
  settle(ticket, tracking)
  return 'opened'
end

-- ---- the step ---------------------------------------------------------------------------------

if mode == 'settle' then
  if hget('tk') then
    return result(2)
  end
  settle(ARGV[4], ARGV[5])
  return result(1, ARGV[6])
end

if mode == 'timeout' then
  local st = hget('st')
  if hget('cl') == 'window' and hget('tk') == nil then
    return deferred(st)
  end
  if hget('mids') == nil or TERMINAL[st] or hget('tk') then
    redis.call('ZREM', KEYS[5], call)
    return result(2)
  end
  redis.call('HSET', call, 'st', 'timed_out', 'te', now, 'tes', ARGV[3])
  local did, defer = close('timed_out')
  if defer then return defer end
  return result(2, did)
end

if redis.call('HSETNX', call, 'd:' .. ARGV[4], ARGV[6]) == 0 then
  return result(0)
end
redis.call('XADD', KEYS[2], '*', 'type', ARGV[8], 'event', ARGV[7])
local mids = hget('mids')
redis.call('HSET', call, 'mids', mids and (mids .. ',' .. ARGV[6]) or ARGV[6])
if hget('czs') == nil or (hget('czs') == 'absent' and ARGV[11] ~= 'absent') then
  redis.call('HSET', call, 'cz', ARGV[10], 'czs', ARGV[11], 'pk', ARGV[12])
  if ARGV[29] and ARGV[29] ~= '' then
    redis.call('HSET', call, 'rt', ARGV[29])
  end
end
redis.call('EXPIRE', call, ARGV[18])

local kind = ARGV[5]
local facts = cjson.decode(ARGV[9])
local was = hget('st')
fold(kind, facts)
local did = ''
if facts.transcript then
  if hget('tk') then
    appended(hget('tk'), hget('tn'), 'text', ',"text":' .. q(facts.transcript))
  else
    redis.call('HSET', call, 'tx', facts.transcript)
  end
end
if facts.recording then
  if hget('tk') then
    schedule(facts.recording)
  else
    local recs = hget('recs')
    redis.call('HSET', call, 'recs', recs and (recs .. '\n' .. facts.recording) or facts.recording)
  end
end
local st = hget('st')
if TERMINAL[st] and not TERMINAL[was] and hget('tk') == nil then
  local defer
  did, defer = close(st)
  if defer then return defer end
elseif not TERMINAL[st] then
  redis.call('ZADD', KEYS[5], now + tonumber(ARGV[19]), call)
end
return result(1, did)
