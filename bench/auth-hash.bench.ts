/**
 * Password hashing cost inside workerd (`npm run bench:auth`). Sign-up hashes once and sign-in
 * verifies once, so each figure is the CPU a request spends on the password. Production Workers cap
 * PBKDF2 at 100,000 iterations (local dev does not), hence scrypt. Run inside the same workerd as the
 * tests, on an otherwise idle isolate: the wall time of these synchronous native calls is their CPU
 * time. (Deployed Workers freeze timers during execution, so this is measured locally.)
 */
import { scrypt } from "node:crypto";
import { hashPassword, verifyPassword } from "@better-auth/utils/password";
import { scryptAsync } from "@noble/hashes/scrypt.js";
import { describe, expect, it } from "vitest";

const PASSWORD = "correct horse battery staple";
const SCRYPT = { N: 16384, r: 16, p: 1, dkLen: 64 }; // better-auth's parameters (32 MiB of memory)

type Stats = { runs: number; medianMs: number; p95Ms: number; minMs: number; maxMs: number };

async function measure(runs: number, task: () => Promise<unknown>): Promise<Stats> {
  await task(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { runs, medianMs: round(at(0.5)), p95Ms: round(at(0.95)), minMs: round(at(0)), maxMs: round(at(1)) };
}

const results: Record<string, Stats> = {};

describe("password hashing in workerd", () => {
  it("better-auth resolves its node:crypto scrypt under the workerd condition", () => {
    // The pure-JS fallback (@noble/hashes) would be several times slower; the production bundle
    // (wrangler, same export conditions) resolves the same file.
    expect(hashPassword.toString()).toContain("randomBytes");
  });

  it("better-auth hashPassword (sign-up)", async () => {
    results["better-auth hashPassword (scrypt N=16384 r=16 p=1, node:crypto)"] = await measure(20, () =>
      hashPassword(PASSWORD),
    );
  });

  it("better-auth verifyPassword (sign-in)", async () => {
    const hash = await hashPassword(PASSWORD);
    expect(await verifyPassword(hash, PASSWORD)).toBe(true);
    expect(await verifyPassword(hash, "wrong password")).toBe(false);
    results["better-auth verifyPassword (same scrypt)"] = await measure(20, () => verifyPassword(hash, PASSWORD));
  });

  it("for comparison: pure-JS scrypt and PBKDF2 at the production cap", async () => {
    results["@noble/hashes scryptAsync, same parameters (pure-JS fallback)"] = await measure(3, () =>
      scryptAsync(PASSWORD, "0123456789abcdef", { ...SCRYPT, maxmem: 128 * SCRYPT.N * SCRYPT.r * 2 }),
    );
    results["node:crypto scrypt, same parameters, called directly"] = await measure(
      10,
      () =>
        new Promise((resolve, reject) =>
          scrypt(PASSWORD, "0123456789abcdef", SCRYPT.dkLen, { ...SCRYPT, maxmem: 64 * 1024 * 1024 }, (err, key) =>
            err ? reject(err) : resolve(key),
          ),
        ),
    );
    const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(PASSWORD), "PBKDF2", false, [
      "deriveBits",
    ]);
    results["WebCrypto PBKDF2-SHA256, 100,000 iterations (production maximum)"] = await measure(10, () =>
      crypto.subtle.deriveBits(
        { name: "PBKDF2", hash: "SHA-256", salt: new TextEncoder().encode("0123456789abcdef"), iterations: 100_000 },
        material,
        256,
      ),
    );
  });

  it("prints the figures", () => {
    const lines = Object.entries(results).map(
      ([name, s]) =>
        `${name.padEnd(68)} median ${String(s.medianMs).padStart(6)} ms  p95 ${String(s.p95Ms).padStart(6)} ms  ` +
        `min ${String(s.minMs).padStart(6)} ms  max ${String(s.maxMs).padStart(6)} ms  (${s.runs} runs)`,
    );
    console.log(`\nPassword hashing inside workerd\n${lines.join("\n")}\n`);
    expect(Object.keys(results)).toHaveLength(5);
  });
});
