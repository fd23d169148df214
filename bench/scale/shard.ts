/**
 * A notebook's content shard among `count`: FNV-1a (32-bit) of the notebook id's UTF-8 bytes, modulo the count.
 * Stable across isolates, deployments and languages (the bench's Node seeder and the Worker agree), and cheap.
 */
export function shardOf(notebookId: string, count: number): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(notebookId)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}
