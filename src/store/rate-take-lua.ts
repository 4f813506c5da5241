/**
 * One take from a member's token bucket, as Lua, atomic with whatever script it runs in: the
 * commit and enqueue scripts take the token in the same step as they store the event (so a
 * limited interview costs no extra round trip), and RATE_TAKE_SCRIPT takes one on its own. Refill
 * by the time elapsed since the last take, spend a token or refuse, track the "already told"
 * flag, and expire the hash once it would be full again (an absent bucket and a full one behave
 * alike). The same arithmetic as takeFromBucket in src/core/ports/rate-limiter.ts.
 *
 * Time is Redis' own clock (TIME, microseconds), so processes with skewed clocks agree; tests may
 * pass a time instead. Numbers go to redis.call as Lua numbers, which Redis writes at full
 * precision (Lua's tostring would round to 14 digits).
 *
 * take_token(bucket hash (fields t = tokens, at = ms, n = "1" once a refusal was reported),
 * capacity, tokens per second, now in ms or "" for Redis TIME) → {allowed 0|1, notify 0|1,
 * retry-after ms}
 */
export const RATE_TAKE_FUNCTION = `
local function take_token(bucket, capacity, rate, now_arg)
  local now
  if now_arg == '' then
    local time = redis.call('TIME')
    now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
  else
    now = tonumber(now_arg)
  end
  local stored = redis.call('HMGET', bucket, 't', 'at', 'n')
  local tokens = tonumber(stored[1])
  local at = tonumber(stored[2])
  local notified = stored[3] == '1'
  if tokens == nil or at == nil then
    tokens = capacity
    at = now
    notified = false
  end
  if now > at then
    tokens = math.min(capacity, tokens + (now - at) * rate / 1000)
    at = now
  else
    tokens = math.min(capacity, tokens)
  end
  local allowed = 0
  local notify = 0
  local retry = 0
  if tokens >= 1 then
    -- The notice re-arms only once the bucket has filled up again: one notice per flood.
    if tokens >= capacity then notified = false end
    tokens = tokens - 1
    allowed = 1
  else
    if not notified then notify = 1 end
    notified = true
    retry = math.max(1, math.ceil((1 - tokens) * 1000 / rate))
  end
  redis.call('HSET', bucket, 't', tokens, 'at', at, 'n', notified and '1' or '0')
  redis.call('PEXPIRE', bucket, math.max(1, math.ceil((capacity - tokens) * 1000 / rate)))
  return {allowed, notify, retry}
end
`;

/**
 * A take on its own. KEYS[1] the bucket hash   ARGV[1] capacity   ARGV[2] tokens per second
 * ARGV[3] now in ms, or "" for Redis TIME. Returns {allowed 0|1, notify 0|1, retry-after ms}
 */
export const RATE_TAKE_SCRIPT = `${RATE_TAKE_FUNCTION}
return take_token(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3])
`;
