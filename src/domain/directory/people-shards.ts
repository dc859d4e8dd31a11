import type { PeopleIndexData } from './departments';
import { setOwn } from '../shared/dictionary';

/**
 * How many shards the people index is cut into by account. At 50,000 people a shard holds ~200 of them
 * (~14 KB, far from Forge's 240 KiB value limit); at 2,000 about 8, so a panel naming a handful of people
 * reads a few kilobytes instead of the whole index. A directory write sets every shard with people in it:
 * 256 are 11 transactions. Changing it moves every person: the shard keys carry
 * the count's version (storage-keys), so a change is a new index, rebuilt by the next directory write.
 */
export const PEOPLE_SHARDS = 256;

/**
 * The shard of an account: FNV-1a of its id with a final mix (ids that differ in two places alike would
 * otherwise cancel out in the low bits), so the same person always lands in the same shard.
 */
export function shardOf(accountId: string, shards = PEOPLE_SHARDS): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < accountId.length; i++) {
    h ^= accountId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % shards;
}

/** The shards touched when looking up `accountIds`, each once, in ascending order. */
export function shardsFor(accountIds: readonly string[], shards = PEOPLE_SHARDS): number[] {
  return [...new Set(accountIds.map((a) => shardOf(a, shards)))].sort((a, b) => a - b);
}

/** accountId -> department id, cut into `shards` maps by `shardOf`; every shard is present, empty or not. */
export function shardPeople(index: PeopleIndexData, shards = PEOPLE_SHARDS): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = Array.from({ length: shards }, () => ({}));
  index.members.forEach((list, i) => {
    const id = index.departments[i]?.id;
    if (id) for (const accountId of list) setOwn(out[shardOf(accountId, shards)]!, accountId, id);
  });
  return out;
}
