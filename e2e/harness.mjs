// A deliberately small test harness for the browser flows: named tests run in order, a failure is
// recorded with its message and a screenshot, and the run ends with one summary line.
import { mkdir } from "node:fs/promises";
import path from "node:path";

export function createHarness({ artifacts }) {
  const results = [];
  let page;

  return {
    usePage(p) {
      page = p;
    },
    async test(name, fn) {
      const started = Date.now();
      try {
        await fn();
        results.push({ name, ok: true, ms: Date.now() - started });
        console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        results.push({ name, ok: false, ms: Date.now() - started, error });
        console.log(
          `  ✗ ${name}\n      ${String(error?.stack ?? error)
            .split("\n")
            .slice(0, 6)
            .join("\n      ")}`,
        );
        if (page) {
          const file = path.join(artifacts, "failures", `${name.replace(/[^\w-]+/g, "-")}.png`);
          await mkdir(path.dirname(file), { recursive: true });
          await page.screenshot({ path: file, fullPage: true }).catch(() => {});
          console.log(`      screenshot: ${path.relative(process.cwd(), file)}`);
        }
      }
    },
    summary() {
      const passed = results.filter((r) => r.ok).length;
      return { passed, failed: results.length - passed, results };
    },
  };
}

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

export function assertEqual(actual, expected, message) {
  if (actual !== expected) {
    throw new Error(
      `assertion failed: ${message}\n        expected: ${JSON.stringify(expected)}\n        actual:   ${JSON.stringify(actual)}`,
    );
  }
}
