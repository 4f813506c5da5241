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
 * KEYS[1] claim key   KEYS[2] inbox list   KEYS[3] session hash   KEYS[4] delivered set
 * ARGV[1] claim TTL ms   ARGV[2] the entry   ARGV[3] inbox TTL ms
 * Returns {<"queued" | "duplicate">, "full", <HGETALL>, <LRANGE inbox>, <SMEMBERS>}
 */
export const ENQUEUE_SCRIPT = `${STATE_FUNCTION}
local status = 'duplicate'
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
  redis.call('RPUSH', KEYS[2], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  status = 'queued'
end
local reply = state(KEYS[3], KEYS[2], KEYS[4], '')
table.insert(reply, 1, status)
return reply
`;

/**
 * Records delivered outbox entries. With a settled version, the caller delivered everything in
 * that version's outbox: the conversation leaves the delivery sweep unless a later commit (which
 * may have added messages) happened since. "absent" settles a conversation whose interview is gone.
 *
 * KEYS[1] delivered set   KEYS[2] session hash   KEYS[3] delivery-due sorted set
 * ARGV[1] TTL ms   ARGV[2] settled version ("" = not settled, "absent")   ARGV[3] sweep member
 * ARGV[4..] delivered idempotency keys
 */
export const MARK_DELIVERED_SCRIPT = `
if #ARGV >= 4 then
  redis.call('SADD', KEYS[1], unpack(ARGV, 4))
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
if ARGV[2] ~= '' then
  local version = redis.call('HGET', KEYS[2], 'v')
  if (ARGV[2] == 'absent' and not version) or version == ARGV[2] then
    redis.call('ZREM', KEYS[3], ARGV[3])
  end
end
return 1
`;

/**
 * Leases overdue conversations to one sweeping process: each is pushed `lease` ms into the future,
 * so another process takes it over only if this one does not settle it in time.
 *
 * KEYS[1] delivery-due sorted set   ARGV[1] now   ARGV[2] lease until   ARGV[3] limit
 */
export const CLAIM_OVERDUE_SCRIPT = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, member in ipairs(due) do
  redis.call('ZADD', KEYS[1], ARGV[2], member)
end
return due
`;
