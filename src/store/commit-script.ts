import { CLAIM_FUNCTION, STATE_FUNCTION } from "./inbox-scripts.ts";
import { RATE_TAKE_FUNCTION } from "./rate-take-lua.ts";

/**
 * The whole commit in one round trip and one atomic step: refuse an event already claimed, check
 * the stored version and that the applied inbox events are still the inbox's head, write the
 * changed fields, drop the applied events, refresh the TTLs, keep the delivery sweep's entry for
 * this conversation in step with its outbox, claim the event. Nothing is written unless every
 * check passes (Redis has no rollback, so checks come first).
 *
 * KEYS[1] session hash   KEYS[2] inbox list   KEYS[3] delivered set
 * KEYS[4] delivery-due sorted set   KEYS[5] quiet-period timers sorted set (both shared by all
 * conversations; both the session hash itself when the caller keeps them, as in a Redis Cluster,
 * where they live in another slot: see cluster-sweep-sets.ts)
 * KEYS[6] the member's token bucket (see rate-take-lua.ts)
 * ARGV[1] expected version ("" = must not exist)   ARGV[2] new version ("" = no write)
 * ARGV[3] TTL ms   ARGV[4] event id to claim ("" = none)   ARGV[5] claim window in bytes
 * ARGV[6] applied inbox events   ARGV[7] id of the last applied one
 * ARGV[8] when the sweep takes over the outbox ("" = nothing undelivered)   ARGV[9] this conversation
 * ARGV[10] an inbound event applied directly ("" = none; see CommitRequest.direct): refused if
 * other events wait in the inbox, and then claimed and queued instead
 * ARGV[11] timer to add ("" = none)   ARGV[12] when it is due   ARGV[13] timer to remove ("" = none)
 * ARGV[14] bucket capacity ("" = no limit; taken only for a new inbound event, after the
 * duplicate check)   ARGV[15] tokens per second
 * ARGV[16] number of delivered marks to forget F, then F marks,
 * then the number of changed fields N, N field/value pairs, then fields to delete
 * Returns {"ok"} | {"duplicate"} | {"duplicate" | "conflict" | "queued", <HGETALL>,
 * <LRANGE inbox>, <SMEMBERS delivered>} | {"limited", notify 0|1, retry-after ms} | {"gone"}
 *
 * "gone": the caller holds a version of an interview that is no longer stored (erased, or
 * expired). Nothing at all is written, not even the event's claim or its place in the inbox, so a
 * process holding a stale copy of an erased interview can never bring any of its keys back.
 */
export const COMMIT_SCRIPT = `${STATE_FUNCTION}${CLAIM_FUNCTION}${RATE_TAKE_FUNCTION}
if ARGV[1] ~= '' and not redis.call('HGET', KEYS[1], 'v') then
  return {'gone'}
end
local direct = ARGV[10]
local event = ARGV[4]
local window = tonumber(ARGV[5])
local function reply(status)
  local current = state(KEYS[1], KEYS[2], KEYS[3], '')
  current[1] = status
  return current
end
if event ~= '' and is_claimed(KEYS[1], event) then
  if direct ~= '' then return reply('duplicate') end
  return {'duplicate'}
end
if event ~= '' and ARGV[14] ~= '' then
  local taken = take_token(KEYS[6], tonumber(ARGV[14]), tonumber(ARGV[15]), '')
  if taken[1] == 0 then return {'limited', taken[2], taken[3]} end
end
local current = redis.call('HGET', KEYS[1], 'v')
local consumed = tonumber(ARGV[6])
local stale = (ARGV[1] == '' and current) or (ARGV[1] ~= '' and current ~= ARGV[1])
if not stale and consumed > 0 then
  local last = redis.call('LINDEX', KEYS[2], consumed - 1)
  local prefix = ARGV[7] .. '\\n'
  stale = (not last) or (string.sub(last, 1, #prefix) ~= prefix and last ~= ARGV[7])
end
if not stale and direct ~= '' then
  stale = redis.call('LLEN', KEYS[2]) > 0
end
if stale then
  if direct ~= '' then
    claim(KEYS[1], event, window)
    redis.call('PEXPIRE', KEYS[1], ARGV[3])
    redis.call('RPUSH', KEYS[2], direct)
    redis.call('PEXPIRE', KEYS[2], ARGV[3])
    return reply('queued')
  end
  return reply('conflict')
end
local index = 17
local forget = tonumber(ARGV[16])
if forget > 0 then
  redis.call('SREM', KEYS[3], unpack(ARGV, index, index + forget - 1))
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
  if KEYS[4] ~= KEYS[1] then
    if ARGV[8] ~= '' then
      -- GT: never pulls back a lease a sweeping process holds on this conversation.
      redis.call('ZADD', KEYS[4], 'GT', ARGV[8], ARGV[9])
    else
      redis.call('ZREM', KEYS[4], ARGV[9])
    end
    if ARGV[13] ~= '' then redis.call('ZREM', KEYS[5], ARGV[13]) end
    if ARGV[11] ~= '' then redis.call('ZADD', KEYS[5], ARGV[12], ARGV[11]) end
  end
end
if consumed > 0 then
  redis.call('LTRIM', KEYS[2], consumed, -1)
end
if event ~= '' then
  claim(KEYS[1], event, window)
end
if ARGV[2] ~= '' or event ~= '' then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return {'ok'}
`;
