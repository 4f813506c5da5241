/**
 * The whole commit in one round trip and one atomic step: refuse an event already claimed, check
 * the stored version, write the changed fields, refresh the TTL, claim the event. Nothing is
 * written unless every check passes (Redis has no rollback, so checks come first).
 *
 * KEYS[1] session hash, KEYS[2] claim key
 * ARGV[1] expected version ("" = must not exist)   ARGV[2] new version ("" = claim only)
 * ARGV[3] session TTL ms   ARGV[4] "1" to claim   ARGV[5] claim TTL ms
 * ARGV[6] number of changed fields N, then N field/value pairs, then fields to delete
 * Returns {"ok"} | {"duplicate"} | {"conflict", <HGETALL of the current state>}
 */
export const COMMIT_SCRIPT = `
if ARGV[4] == '1' and redis.call('EXISTS', KEYS[2]) == 1 then
  return {'duplicate'}
end
local current = redis.call('HGET', KEYS[1], 'v')
if (ARGV[1] == '' and current) or (ARGV[1] ~= '' and current ~= ARGV[1]) then
  return {'conflict', redis.call('HGETALL', KEYS[1])}
end
if ARGV[2] ~= '' then
  local changed = tonumber(ARGV[6])
  local fields = {'v', ARGV[2]}
  local index = 7
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
if ARGV[4] == '1' then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[5])
end
return {'ok'}
`;
