/**
 * Reads an interview with its waiting inbound events and its delivery marks in one round trip.
 * When the caller already holds version ARGV[1], the session itself is not sent again.
 *
 * KEYS[1] session hash   KEYS[2] inbox list   KEYS[3] delivered set
 * ARGV[1] version the caller holds ("" = none)
 * Returns {<"full" | "same">, <HGETALL or {}>, <LRANGE inbox>, <SMEMBERS delivered>}
 */
export const READ_SCRIPT = `
local version = redis.call('HGET', KEYS[1], 'v')
local inbox = redis.call('LRANGE', KEYS[2], 0, -1)
local delivered = redis.call('SMEMBERS', KEYS[3])
if ARGV[1] ~= '' and version == ARGV[1] then
  return {'same', {}, inbox, delivered}
end
return {'full', redis.call('HGETALL', KEYS[1]), inbox, delivered}
`;

/**
 * Claims an inbound event and appends it to the conversation's inbox: appends commute, so events
 * arriving together never conflict. Then reads the state as READ_SCRIPT does, so the caller can
 * apply the waiting events without another round trip. A duplicate is not appended, but the
 * state is still returned: an earlier delivery may have been queued by a process that died
 * before applying it.
 *
 * KEYS[1] claim key   KEYS[2] inbox list   KEYS[3] session hash   KEYS[4] delivered set
 * ARGV[1] claim TTL ms   ARGV[2] the entry   ARGV[3] inbox TTL ms   ARGV[4] version the caller holds
 * Returns {<"queued" | "duplicate">, <"full" | "same">, <HGETALL or {}>, <LRANGE inbox>, <SMEMBERS>}
 */
export const ENQUEUE_SCRIPT = `
local status = 'duplicate'
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
  redis.call('RPUSH', KEYS[2], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  status = 'queued'
end
local version = redis.call('HGET', KEYS[3], 'v')
local inbox = redis.call('LRANGE', KEYS[2], 0, -1)
local delivered = redis.call('SMEMBERS', KEYS[4])
if ARGV[4] ~= '' and version == ARGV[4] then
  return {status, 'same', {}, inbox, delivered}
end
return {status, 'full', redis.call('HGETALL', KEYS[3]), inbox, delivered}
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
