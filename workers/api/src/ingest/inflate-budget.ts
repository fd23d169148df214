/**
 * Measuring what compressed bytes inflate to without keeping the result: the runtime's native
 * DecompressionStream, read chunk by chunk and abandoned as soon as a byte budget is passed. Reading is
 * asynchronous, so other requests are served between chunks, and memory stays at one chunk.
 */

export type Inflated = { bytes: number; overBudget: boolean; corrupt: boolean };

export async function inflatedSize(
  compressed: Uint8Array,
  format: "deflate" | "deflate-raw",
  budget: number,
): Promise<Inflated> {
  const stream = new Blob([compressed]).stream().pipeThrough(new DecompressionStream(format));
  const reader = stream.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes, overBudget: false, corrupt: false };
      bytes += value.byteLength;
      if (bytes > budget) {
        await reader.cancel().catch(() => {});
        return { bytes, overBudget: true, corrupt: false };
      }
    }
  } catch {
    // Truncated or invalid data: what inflated so far is counted; the parser after us decides what to do.
    return { bytes, overBudget: false, corrupt: true };
  }
}
