// The Lua scripts of the Redis session store: each write two replicas can race runs in one atomic step.
// Key layout and why each script exists: runtime/session/redis.ts. `script` and `evalScript` serve the Redis
// rate limiter's script too.

import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** A Lua script, run by SHA (EVALSHA) and sent again in full (EVAL) when Redis lost its script cache. */
export interface Script {
  lua: string;
  sha: string;
}

export const script = (lua: string): Script => ({ lua, sha: createHash("sha1").update(lua).digest("hex") });

/** EVALSHA, or EVAL once when Redis answers NOSCRIPT (a restart emptied its script cache). */
export async function evalScript(client: Redis, lua: Script, keys: string[], args: string[]): Promise<unknown> {
  try {
    return await client.evalsha(lua.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith("NOSCRIPT"))) throw error;
    return await client.eval(lua.lua, keys.length, ...keys, ...args);
  }
}

// KEYS[1] session, KEYS[2] owner index. ARGV: session JSON, enabled JSON, lastSeen, owner, ttl ms, id, createdAt.
// lastSeen is kept as the string it came as (no float formatting) and never moves back.
export const SET = script(`
local held = redis.call('HGET', KEYS[1], 'lastSeen')
local lastSeen = ARGV[3]
if held and tonumber(held) > tonumber(lastSeen) then lastSeen = held end
redis.call('HSET', KEYS[1], 'session', ARGV[1], 'enabled', ARGV[2], 'lastSeen', lastSeen, 'owner', ARGV[4])
redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[7], ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 1`);

// KEYS[1] session. ARGV: now, ttl ms, owner key prefix. The owner index lives as long as its newest session.
export const TOUCH = script(`
local held = redis.call('HMGET', KEYS[1], 'owner', 'lastSeen')
if not held[1] then return 0 end
if tonumber(ARGV[1]) > tonumber(held[2]) then redis.call('HSET', KEYS[1], 'lastSeen', ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', ARGV[3] .. held[1], ARGV[2])
return 1`);

// KEYS[1] session. ARGV: "add" | "remove", then names. Keeps the TTL (HSET does), counts the write in version.
// Nil when the session is gone.
// The array is re-encoded by hand: cjson would write an empty one as {}. Sorted by the reader, not here (Lua
// compares strings by locale).
export const ENABLED = script(`
local held = redis.call('HGET', KEYS[1], 'enabled')
if not held then return false end
local list = cjson.decode(held)
local out, seen = {}, {}
if ARGV[1] == 'remove' then
  for i = 2, #ARGV do seen[ARGV[i]] = true end
  for _, name in ipairs(list) do if not seen[name] then out[#out + 1] = cjson.encode(name) end end
else
  for _, name in ipairs(list) do seen[name] = true; out[#out + 1] = cjson.encode(name) end
  for i = 2, #ARGV do
    if not seen[ARGV[i]] then seen[ARGV[i]] = true; out[#out + 1] = cjson.encode(ARGV[i]) end
  end
end
redis.call('HSET', KEYS[1], 'enabled', '[' .. table.concat(out, ',') .. ']')
redis.call('HINCRBY', KEYS[1], 'version', 1)
return redis.call('HMGET', KEYS[1], 'session', 'enabled', 'lastSeen', 'version', 'endedAt')`);

// KEYS[1] owner index. ARGV: session key prefix. Quintuples of (session, enabled, lastSeen, version, endedAt);
// expired ids are dropped.
export const LIST = script(`
local out = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local held = redis.call('HMGET', ARGV[1] .. id, 'session', 'enabled', 'lastSeen', 'version', 'endedAt')
  if held[1] then
    for i = 1, 5 do out[#out + 1] = held[i] end
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out`);

// KEYS[1] session. ARGV: endedAt. Only that field is written, so a concurrent enable is kept; 0 when the session is gone.
export const MARK_ENDED = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'endedAt', ARGV[1])
return 1`);

// KEYS[1] session. ARGV: owner key prefix, id.
export const DELETE = script(`
local owner = redis.call('HGET', KEYS[1], 'owner')
redis.call('DEL', KEYS[1])
if owner then redis.call('ZREM', ARGV[1] .. owner, ARGV[2]) end
return 1`);
