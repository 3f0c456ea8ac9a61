-- shopmcp two-window weighted sliding window (the same rule in Rust: src/window.rs).
--
-- KEYS[i]    one counter per limited scope (the workspace, optionally one tool), all in one
--            hash slot; a hash {i = fixed-window index, c = units in window i,
--            p = units in window i - 1}
-- ARGV[1]    window length W in ms
-- ARGV[2]    weight resolution D
-- ARGV[3]    cost of this call
-- ARGV[4]    '' to use the server clock (production always does), or a time in ms (tests)
-- ARGV[4+i]  the limit of KEYS[i]
--
-- Admits when, for EVERY key, p*rem + (c + cost)*D <= limit*D, where rem/D (rounded up) is
-- the part of the previous window still inside the sliding window; then adds cost to every
-- key, or to none. Returns {1, now} when admitted, otherwise {0, now} followed by the stored
-- i, c, p of each key (i = -1 when the key does not exist), written nothing.
local window = tonumber(ARGV[1])
local scale = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local now
if ARGV[4] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
else
  now = tonumber(ARGV[4])
end
local elapsed = now % window
local cur = (now - elapsed) / window

local stored = {}
local views = {}
local admit = true
for k = 1, #KEYS do
  local h = redis.call('HMGET', KEYS[k], 'i', 'c', 'p')
  local si = tonumber(h[1])
  local c = tonumber(h[2]) or 0
  local p = tonumber(h[3]) or 0
  stored[k] = {si or -1, c, p}
  local idx, rem
  if si ~= nil and si > cur then
    -- The clock is behind the stored window: keep the newer counts at full weight.
    idx, rem = si, scale
  else
    idx = cur
    rem = math.ceil((window - elapsed) * scale / window)
    if si == nil or si < cur - 1 then
      c, p = 0, 0
    elseif si == cur - 1 then
      c, p = 0, c
    end
  end
  if p * rem + (c + cost) * scale > tonumber(ARGV[4 + k]) * scale then
    admit = false
  end
  views[k] = {idx, c, p}
end

if admit then
  for k = 1, #KEYS do
    local v = views[k]
    redis.call('HSET', KEYS[k], 'i', v[1], 'c', v[2] + cost, 'p', v[3])
    -- The counts matter until window idx + 1 ends: at most two windows from now.
    redis.call('PEXPIRE', KEYS[k], (v[1] + 2) * window - now)
  end
  return {1, now}
end

local out = {0, now}
for k = 1, #KEYS do
  local s = stored[k]
  out[#out + 1] = s[1]
  out[#out + 1] = s[2]
  out[#out + 1] = s[3]
end
return out
