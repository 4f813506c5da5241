import { RATE_TAKE_FUNCTION } from "./rate-take-lua.ts";

/**
 * Lua shared by the scripts that answer with a state: the interview with its waiting inbound
 * events and its delivery marks. When the caller already holds version `held`, the session itself
 * is not sent again. Returns {<"full" | "same">, <HGETALL or {}>, <LRANGE inbox>, <SMEMBERS>}.
 */
export const STATE_FUNCTION = `
local function state(session, inbox, delivered, held)
  local version = redis.call('HGET', session, 'v')
  local waiting = redis.call('LRANGE', inbox, 0, -1)
  local marks = redis.call('SMEMBERS', delivered)
  if held ~= '' and version == held then
    return {'same', {}, waiting, marks}
  end
  return {'full', redis.call('HGETALL', session), waiting, marks}
end
`;

/**
 * Lua shared by the scripts that claim inbound events. The ids of recent events live in the
 * session's own hash (field "seen", "\n"-separated, the oldest dropped past `limit` bytes)
 * instead of a key per event: a few hundred bytes per interview instead of ~120 per event, and
 * checked in the same step as the write. The window covers every platform redelivery (Slack
 * retries for 5 minutes, Discord replays on RESUME), which arrive well within the last few dozen
 * events of one conversation.
 */
export const CLAIM_FUNCTION = `
local function is_claimed(session, id)
  local seen = redis.call('HGET', session, 'seen')
  return seen ~= false and string.find(seen, '\\n' .. id .. '\\n', 1, true) ~= nil
end
local function claim(session, id, limit)
  local seen = (redis.call('HGET', session, 'seen') or '\\n') .. id .. '\\n'
  if #seen > limit then
    seen = string.sub(seen, string.find(seen, '\\n', #seen - limit + 1, true) or 1)
  end
  redis.call('HSET', session, 'seen', seen)
end
`;

/**
 * Reads an interview with its waiting inbound events and its delivery marks in one round trip.
 *
 * KEYS[1] session hash   KEYS[2] inbox list   KEYS[3] delivered set
 * ARGV[1] version the caller holds ("" = none)
 */
export const READ_SCRIPT = `${STATE_FUNCTION}
return state(KEYS[1], KEYS[2], KEYS[3], ARGV[1])
`;

/**
 * Claims an inbound event and appends it to the conversation's inbox: appends commute, so events
 * arriving together never conflict. Then reads the whole state, so the caller can apply the
 * waiting events without another round trip. A duplicate is not appended, but the state is still
 * returned: an earlier delivery may have been queued by a process that died before applying it.
 *
 * A new event first takes a token from the member's bucket (see rate-take-lua.ts), when asked:
 * with the bucket empty nothing is stored or claimed.
 *
 * KEYS[1] session hash   KEYS[2] inbox list   KEYS[3] delivered set   KEYS[4] the member's bucket
 * ARGV[1] event id   ARGV[2] the entry   ARGV[3] TTL ms   ARGV[4] claim window in bytes
 * ARGV[5] bucket capacity ("" = no limit)   ARGV[6] tokens per second
 * ARGV[7] "1" when the event opens an interview (a start), else ""
 * Returns {<"queued" | "duplicate">, "full", <HGETALL>, <LRANGE inbox>, <SMEMBERS>} |
 * {"limited", notify 0|1, retry-after ms} | {"absent"}
 *
 * "absent": no interview is stored or waiting to start in this conversation and the event does
 * not start one (a message in an erased or expired interview's thread): nothing is written, so no
 * key of an erased interview comes back (no claim, no inbox entry, no rate-limit bucket).
 */
export const ENQUEUE_SCRIPT = `${STATE_FUNCTION}${CLAIM_FUNCTION}${RATE_TAKE_FUNCTION}
if ARGV[7] ~= '1' and redis.call('HEXISTS', KEYS[1], 'v') == 0 and redis.call('LLEN', KEYS[2]) == 0 then
  return {'absent'}
end
local status = 'duplicate'
if not is_claimed(KEYS[1], ARGV[1]) then
  if ARGV[5] ~= '' then
    local taken = take_token(KEYS[4], tonumber(ARGV[5]), tonumber(ARGV[6]), '')
    if taken[1] == 0 then return {'limited', taken[2], taken[3]} end
  end
  claim(KEYS[1], ARGV[1], tonumber(ARGV[4]))
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  redis.call('RPUSH', KEYS[2], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  status = 'queued'
end
local reply = state(KEYS[1], KEYS[2], KEYS[3], '')
table.insert(reply, 1, status)
return reply
`;

/**
 * Records delivered outbox entries. With a settled version, the caller delivered everything in
 * that version's outbox: the conversation leaves the delivery sweep unless a later commit (which
 * may have added messages) happened since. "absent" settles a conversation whose interview is gone.
 *
 * KEYS[1] delivered set   KEYS[2] session hash   KEYS[3] delivery-due sorted set (the session
 * hash itself when the caller removes the sweep entry, as in a Redis Cluster where the set lives in
 * another slot)
 * ARGV[1] TTL ms   ARGV[2] settled version ("" = not settled, "absent")   ARGV[3] sweep member
 * ARGV[4..] delivered idempotency keys
 * Returns 2 when the conversation is settled and the caller is to remove its sweep entry, else 1.
 */
export const MARK_DELIVERED_SCRIPT = `
-- Marks for an interview that is gone (erased meanwhile) would only leave a stray key behind.
if #ARGV >= 4 and redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('SADD', KEYS[1], unpack(ARGV, 4))
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
if ARGV[2] ~= '' then
  local version = redis.call('HGET', KEYS[2], 'v')
  if (ARGV[2] == 'absent' and not version) or version == ARGV[2] then
    if KEYS[3] == KEYS[2] then return 2 end
    redis.call('ZREM', KEYS[3], ARGV[3])
  end
end
return 1
`;

/**
 * Leases overdue conversations to one sweeping process: each is pushed `lease` ms into the future,
 * so another process takes it over only if this one does not settle it in time.
 *
 * First merges the set of an earlier key layout (written by processes of the previous version
 * during an upgrade), so nothing they armed is stranded.
 *
 * KEYS[1] delivery-due or timers-due sorted set   KEYS[2] the same set's earlier name (KEYS[1]
 * again when there is none to merge, as in a Redis Cluster)
 * ARGV[1] now   ARGV[2] lease until   ARGV[3] limit
 */
export const CLAIM_OVERDUE_SCRIPT = `
if KEYS[2] ~= KEYS[1] and redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('ZUNIONSTORE', KEYS[1], 2, KEYS[1], KEYS[2], 'AGGREGATE', 'MAX')
  redis.call('DEL', KEYS[2])
end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, member in ipairs(due) do
  redis.call('ZADD', KEYS[1], ARGV[2], member)
end
return due
`;
