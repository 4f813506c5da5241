import { STATE_FUNCTION } from "./inbox-scripts.ts";

/**
 * The whole commit in one round trip and one atomic step: refuse an event already claimed, check
 * the stored version and that the applied inbox events are still the inbox's head, write the
 * changed fields, drop the applied events, refresh the TTLs, register undelivered messages with
 * the delivery sweep, claim the event. Nothing is written unless every check passes (Redis has
 * no rollback, so checks come first).
 *
 * KEYS[1] session hash   KEYS[2] claim key   KEYS[3] inbox list   KEYS[4] delivered set
 * KEYS[5] delivery-due sorted set (shared by all conversations)
 * ARGV[1] expected version ("" = must not exist)   ARGV[2] new version ("" = no write)
 * ARGV[3] session TTL ms   ARGV[4] "1" to claim   ARGV[5] claim TTL ms
 * ARGV[6] applied inbox events   ARGV[7] id of the last applied one
 * ARGV[8] delivery due time ("" = nothing undelivered)   ARGV[9] this conversation (sweep member)
 * ARGV[10] an inbound event applied directly ("" = none; see CommitRequest.direct): refused if
 * other events wait in the inbox, and then claimed and queued instead
 * ARGV[11] number of delivered marks to forget F, then F marks,
 * then the number of changed fields N, N field/value pairs, then fields to delete
 * Returns {"ok"} | {"duplicate"} | {"duplicate" | "conflict" | "queued", <HGETALL>,
 * <LRANGE inbox>, <SMEMBERS delivered>}
 */
export const COMMIT_SCRIPT = `${STATE_FUNCTION}
local direct = ARGV[10]
local function reply(status)
  local current = state(KEYS[1], KEYS[3], KEYS[4], '')
  current[1] = status
  return current
end
if ARGV[4] == '1' and redis.call('EXISTS', KEYS[2]) == 1 then
  if direct ~= '' then return reply('duplicate') end
  return {'duplicate'}
end
local current = redis.call('HGET', KEYS[1], 'v')
local consumed = tonumber(ARGV[6])
local stale = (ARGV[1] == '' and current) or (ARGV[1] ~= '' and current ~= ARGV[1])
if not stale and consumed > 0 then
  local last = redis.call('LINDEX', KEYS[3], consumed - 1)
  local prefix = ARGV[7] .. '\\n'
  stale = (not last) or (string.sub(last, 1, #prefix) ~= prefix and last ~= ARGV[7])
end
if not stale and direct ~= '' then
  stale = redis.call('LLEN', KEYS[3]) > 0
end
if stale then
  if direct ~= '' then
    redis.call('SET', KEYS[2], '1', 'PX', ARGV[5])
    redis.call('RPUSH', KEYS[3], direct)
    redis.call('PEXPIRE', KEYS[3], ARGV[3])
    return reply('queued')
  end
  return reply('conflict')
end
local index = 12
local forget = tonumber(ARGV[11])
if forget > 0 then
  redis.call('SREM', KEYS[4], unpack(ARGV, index, index + forget - 1))
end
index = index + forget
if ARGV[2] ~= '' then
  local changed = tonumber(ARGV[index])
  index = index + 1
  local fields = {'v', ARGV[2]}
  for _ = 1, changed do
    fields[#fields + 1] = ARGV[index]
    fields[#fields + 1] = ARGV[index + 1]
    index = index + 2
  end
  redis.call('HSET', KEYS[1], unpack(fields))
  if #ARGV >= index then
    redis.call('HDEL', KEYS[1], unpack(ARGV, index))
  end
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
if consumed > 0 then
  redis.call('LTRIM', KEYS[3], consumed, -1)
end
if ARGV[8] ~= '' then
  -- NX: an earlier undelivered message keeps its earlier due time; a busy interview must not
  -- push it back forever.
  redis.call('ZADD', KEYS[5], 'NX', ARGV[8], ARGV[9])
end
if ARGV[4] == '1' then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[5])
end
return {'ok'}
`;
