import { LuaScript } from '../redis.js';

/**
 * One Lua script per transition of a conversation and its ticket. Each checks the state it starts
 * from and writes the ticket, the conversation, the waiting line, the agent's held set and an
 * outbox entry in one step, so no crash can leave a ticket assigned while its conversation is
 * queued, or a change that nobody hears of. A refused transition changes nothing and says why.
 *
 * Keys, the same in every ticket script: 1 outbox, 2 outbox pending, 3 the ticket's waiting line
 * (its language and team), 4 ticket, 5 conversation, 6 the agent's held tickets, 7 transcript, 8 the
 * ticket's notes, 9 the set of every waiting line, 10 the line it moves to (escalate, transfer; else
 * the same as 3), 11 the held tickets of the agent it is transferred to. ARGV: 1 agent events
 * channel, 2 now (ISO), 3 now (ms), 4 ticket id, then the script's own.
 */
const EMIT = `
local function emit(kind, version, agentId, reason, fromAgentId)
  local event = {type = kind, ticketId = ARGV[4], at = ARGV[2]}
  if agentId ~= '' then event.agentId = agentId end
  -- A transfer's former holder: their console lets the ticket go.
  if fromAgentId and fromAgentId ~= '' then event.fromAgentId = fromAgentId end
  if reason ~= '' then event.reason = reason end
  -- Who can serve it: each console alerts only agents of its language and team.
  local serve = redis.call('HMGET', KEYS[4], 'locale', 'team')
  event.locale = serve[1]
  if serve[2] then event.team = serve[2] end
  local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', '100000', '*', 'type', kind, 'ticketId', ARGV[4], 'version', version, 'agentId', agentId, 'reason', reason)
  redis.call('ZADD', KEYS[2], ARGV[3], id)
  redis.call('PUBLISH', ARGV[1], cjson.encode(event))
  return {'ok', id, kind, version, agentId, reason}
end
`;

/**
 * bot/collecting → queued. ARGV 5 line score, 6 reason, 7… the ticket's fields. A conversation that
 * already has an open ticket keeps it (two handoffs racing open one ticket); a taken id is retried.
 */
export const OPEN = new LuaScript(`${EMIT}
local mode = redis.call('HGET', KEYS[5], 'mode')
if not mode then return {'no_conversation'} end
if mode == 'queued' or mode == 'agent' then return {'already_open', redis.call('HGET', KEYS[5], 'ticketId') or ''} end
if redis.call('EXISTS', KEYS[4]) == 1 then return {'id_taken'} end
redis.call('HSET', KEYS[4], 'version', 1, 'status', 'queued', unpack(ARGV, 7))
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
redis.call('SADD', KEYS[9], KEYS[3])
redis.call('HSET', KEYS[5], 'mode', 'queued', 'ticketId', ARGV[4])
redis.call('HDEL', KEYS[5], 'pendingReason', 'pendingFacts', 'pendingSummary', 'queuedAcked')
-- An open ticket's conversation is kept however long the player waits.
redis.call('PERSIST', KEYS[5])
redis.call('PERSIST', KEYS[7])
return emit('ticket.created', 1, '', ARGV[6])
`);

/**
 * queued → assigned (agent). ARGV 5 agent id, 6 agent name, 7 the lock token the job is to be held
 * with, 8 how many tickets the agent may hold at once (0: no limit).
 */
export const CLAIM = new LuaScript(`${EMIT}
local t = redis.call('HMGET', KEYS[4], 'status', 'agentName', 'reason')
if not t[1] then return {'not_found'} end
if t[1] ~= 'queued' then return {'not_waiting', t[1], t[2] or ''} end
local limit = tonumber(ARGV[8])
if limit > 0 and redis.call('SCARD', KEYS[6]) >= limit then return {'at_capacity', t[1], ''} end
redis.call('HSET', KEYS[4], 'status', 'assigned', 'agentId', ARGV[5], 'agentName', ARGV[6], 'claimedAt', ARGV[2], 'lockToken', ARGV[7])
local version = redis.call('HINCRBY', KEYS[4], 'version', 1)
redis.call('ZREM', KEYS[3], ARGV[4])
redis.call('SADD', KEYS[6], ARGV[4])
redis.call('HSET', KEYS[5], 'mode', 'agent')
return emit('ticket.claimed', version, ARGV[5], t[3])
`);

/**
 * assigned → queued: released by its agent, or returned because the agent vanished. ARGV 5 the
 * agent it must be with, 6 the event (ticket.released or ticket.returned), 7 its place in line (it
 * keeps its priority and age).
 */
export const BACK_TO_QUEUE = new LuaScript(`${EMIT}
local t = redis.call('HMGET', KEYS[4], 'status', 'agentId', 'reason', 'agentName')
if not t[1] then return {'not_found'} end
if t[1] ~= 'assigned' or t[2] ~= ARGV[5] then return {'not_yours', t[1], t[4] or ''} end
redis.call('HSET', KEYS[4], 'status', 'queued')
redis.call('HDEL', KEYS[4], 'agentId', 'agentName', 'claimedAt', 'lockToken')
local version = redis.call('HINCRBY', KEYS[4], 'version', 1)
redis.call('ZADD', KEYS[3], ARGV[7], ARGV[4])
redis.call('SADD', KEYS[9], KEYS[3])
redis.call('SREM', KEYS[6], ARGV[4])
redis.call('HSET', KEYS[5], 'mode', 'queued')
return emit(ARGV[6], version, ARGV[5], t[3])
`);

/**
 * assigned → resolved; the conversation goes back to the bot (which asks for a rating when `rate`).
 * Closed, it and its ticket expire from Redis after the live retention, ARGV[6].
 */
const CLOSE = `
local function close(rate)
  redis.call('HSET', KEYS[4], 'status', 'resolved', 'resolvedAt', ARGV[2])
  redis.call('HDEL', KEYS[4], 'lockToken')
  redis.call('SREM', KEYS[6], ARGV[4])
  redis.call('HSET', KEYS[5], 'mode', 'bot')
  if rate then redis.call('HSET', KEYS[5], 'awaitingRating', ARGV[4]) end
  redis.call('HDEL', KEYS[5], 'ticketId')
  for i = 4, 8 do
    if i ~= 6 then redis.call('EXPIRE', KEYS[i], ARGV[6]) end
  end
end
`;

/** assigned → resolved, and the bot asks for a rating. ARGV 5 the agent, 6 the live retention (s). */
export const RESOLVE = new LuaScript(`${EMIT}${CLOSE}
local t = redis.call('HMGET', KEYS[4], 'status', 'agentId', 'reason', 'agentName')
if not t[1] then return {'not_found'} end
if t[1] ~= 'assigned' or t[2] ~= ARGV[5] then return {'not_yours', t[1], t[4] or ''} end
close(true)
local version = redis.call('HINCRBY', KEYS[4], 'version', 1)
return emit('ticket.resolved', version, ARGV[5], t[3])
`);

/**
 * The holder records how a phone call went: `done` resolves the ticket (and the bot asks for a
 * rating), `failed` resolves it without one, `rescheduled` keeps it with them for the new window.
 * The outcome and the window join the ticket's facts in the same step, so the player's notice and
 * the console read one story. ARGV 5 the agent, 6 the live retention (s), 7 the outcome, 8 the new
 * window ('' keeps it).
 */
export const CALL_OUTCOME = new LuaScript(`${EMIT}${CLOSE}
local t = redis.call('HMGET', KEYS[4], 'status', 'agentId', 'reason', 'agentName', 'facts')
if not t[1] then return {'not_found'} end
if t[1] ~= 'assigned' or t[2] ~= ARGV[5] then return {'not_yours', t[1], t[4] or ''} end
local facts = cjson.decode(t[5] or '{}')
facts.callbackOutcome = ARGV[7]
if ARGV[8] ~= '' then facts.callbackWindow = ARGV[8] end
redis.call('HSET', KEYS[4], 'facts', cjson.encode(facts))
if ARGV[7] ~= 'rescheduled' then close(ARGV[7] == 'done') end
local version = redis.call('HINCRBY', KEYS[4], 'version', 1)
return emit('ticket.called', version, ARGV[5], t[3])
`);

/**
 * A waiting ticket moves up for a more urgent reason (never down), to the line of that reason's team
 * (KEYS[10]) when it has one. ARGV 5 reason, 6 priority, 7 its new place in line, 8 the team ('' none).
 */
export const ESCALATE = new LuaScript(`${EMIT}
local t = redis.call('HMGET', KEYS[4], 'status', 'priority')
if t[1] ~= 'queued' or tonumber(ARGV[6]) >= tonumber(t[2]) then return {'unchanged', t[1] or ''} end
redis.call('HSET', KEYS[4], 'reason', ARGV[5], 'priority', ARGV[6])
if ARGV[8] ~= '' then redis.call('HSET', KEYS[4], 'team', ARGV[8]) end
local version = redis.call('HINCRBY', KEYS[4], 'version', 1)
redis.call('ZREM', KEYS[3], ARGV[4])
redis.call('ZADD', KEYS[10], ARGV[7], ARGV[4])
redis.call('SADD', KEYS[9], KEYS[10])
return emit('ticket.escalated', version, '', ARGV[5])
`);

/**
 * A waiting or held ticket goes to a team (back in the queue, in that team's line KEYS[10], keeping
 * its place by priority and age) or to an agent (assigned to them at once, within their max chats).
 * ARGV 5 the agent it must be with now ('' waiting), 6 'team' or 'agent', 7 the team, or the agent's
 * id, 8 the agent's name, 9 the new lock token, 10 their max chats (0: no limit), 11 its place in line.
 */
export const TRANSFER = new LuaScript(`${EMIT}
local t = redis.call('HMGET', KEYS[4], 'status', 'agentId', 'reason', 'agentName')
if not t[1] then return {'not_found'} end
if t[1] == 'resolved' or (t[2] or '') ~= ARGV[5] then return {'not_yours', t[1], t[4] or ''} end
local limit = tonumber(ARGV[10])
if ARGV[6] == 'agent' and limit > 0 and redis.call('SCARD', KEYS[11]) >= limit then return {'at_capacity', t[1], ''} end
if t[1] == 'assigned' then redis.call('SREM', KEYS[6], ARGV[4]) end
redis.call('ZREM', KEYS[3], ARGV[4])
if ARGV[6] == 'team' then
  redis.call('HSET', KEYS[4], 'status', 'queued', 'team', ARGV[7])
  redis.call('HDEL', KEYS[4], 'agentId', 'agentName', 'claimedAt', 'lockToken')
  redis.call('ZADD', KEYS[10], ARGV[11], ARGV[4])
  redis.call('SADD', KEYS[9], KEYS[10])
  redis.call('HSET', KEYS[5], 'mode', 'queued')
else
  redis.call('HSET', KEYS[4], 'status', 'assigned', 'agentId', ARGV[7], 'agentName', ARGV[8], 'lockToken', ARGV[9])
  redis.call('HSETNX', KEYS[4], 'claimedAt', ARGV[2])
  redis.call('SADD', KEYS[11], ARGV[4])
  redis.call('HSET', KEYS[5], 'mode', 'agent')
end
local version = redis.call('HINCRBY', KEYS[4], 'version', 1)
return emit('ticket.transferred', version, ARGV[6] == 'agent' and ARGV[7] or '', t[3], ARGV[5])
`);

/** An open ticket gains a fact the player gave while waiting (ARGV 5 name, 6 value); a resolved one changes no more. */
export const ADD_FACT = new LuaScript(`${EMIT}
local t = redis.call('HMGET', KEYS[4], 'status', 'facts', 'reason')
if t[1] ~= 'queued' and t[1] ~= 'assigned' then return {'unchanged', t[1] or ''} end
local facts = cjson.decode(t[2] or '{}')
if facts[ARGV[5]] == ARGV[6] then return {'unchanged', t[1]} end
facts[ARGV[5]] = ARGV[6]
redis.call('HSET', KEYS[4], 'facts', cjson.encode(facts))
local version = redis.call('HINCRBY', KEYS[4], 'version', 1)
return emit('ticket.updated', version, '', t[3])
`);

/** The holder's first reply to the player: the complaint's acknowledgement. ARGV 5 the agent. Only the first counts. */
export const FIRST_REPLY = new LuaScript(`${EMIT}
local t = redis.call('HMGET', KEYS[4], 'status', 'agentId', 'reason')
if t[1] ~= 'assigned' or t[2] ~= ARGV[5] then return {'unchanged', t[1] or ''} end
if redis.call('HSETNX', KEYS[4], 'firstReplyAt', ARGV[2]) == 0 then return {'unchanged', t[1]} end
local version = redis.call('HINCRBY', KEYS[4], 'version', 1)
return emit('ticket.first_reply', version, ARGV[5], t[3])
`);

/** bot → collecting: the bot asks for the facts a ticket needs before it opens. ARGV: reason, facts JSON, summary. */
export const COLLECT = new LuaScript(`
local mode = redis.call('HGET', KEYS[1], 'mode')
if mode ~= 'bot' and mode ~= 'collecting' then return mode or 'no_conversation' end
redis.call('HSET', KEYS[1], 'mode', 'collecting', 'pendingReason', ARGV[1], 'pendingFacts', ARGV[2], 'pendingSummary', ARGV[3])
return 'ok'
`);

/** Outbox entries not applied for `ARGV[1]` ms, up to ARGV[3], re-stamped with now (ARGV[2]) so one replica at a time retries them. */
export const TAKE_STALE_OUTBOX = new LuaScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2] - ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], 'XX', ARGV[2], id) end
return ids
`);
