import { env } from "cloudflare:workers";
import { app } from "../src/app";

/** One round trip a request made: to D1 (a statement or a batch) or to a notebook's object (one RPC call). */
export type Trip = { what: string; start: number; end?: number; statements?: string[] };

/** What a wrapped statement answers to this key: its SQL (so that a batch's statements can be named). */
const SQL = Symbol("sql");

/**
 * `base` with `DB` and `NOTEBOOK_CONTENT` wrapped so that every round trip is recorded in order: a D1
 * statement's `first`/`all`/`run`/`raw`, a D1 `batch`, and each call on a notebook object's stub. `start`
 * and `end` are positions in one sequence of events, so which trips overlapped is known.
 */
export function countingEnv(base: Env = env) {
  let clock = 0;
  const trips: Trip[] = [];
  const track = <T>(what: string, run: () => Promise<T>, statements?: string[]): Promise<T> => {
    const trip: Trip = { what, start: clock++, ...(statements && { statements }) };
    trips.push(trip);
    return Promise.resolve(run()).finally(() => {
      trip.end = clock++;
    });
  };
  const wrap = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...args: unknown[]) => wrap(target.bind(...args), sql);
        if (prop === SQL) return sql;
        const value = Reflect.get(target, prop, target);
        if (typeof value !== "function") return value;
        if (["first", "all", "run", "raw"].includes(String(prop))) {
          return (...args: unknown[]) => track(`D1 ${sql}`, () => value.apply(target, args));
        }
        return value.bind(target);
      },
    });
  const db = new Proxy(base.DB, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql);
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) =>
          track(
            `D1 batch of ${statements.length}`,
            () => target.batch(statements),
            statements.map((st) => String((st as unknown as Record<symbol, unknown>)[SQL])),
          );
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  // A stand-in for the stub: RPC stubs answer any property, so the calls are forwarded by name.
  type Stub = Record<string, (...args: unknown[]) => Promise<unknown>>;
  const stubOf = (stub: Stub, name: string) =>
    new Proxy({} as Stub, {
      get(_, prop) {
        if (typeof prop !== "string" || prop === "then") return undefined;
        return (...args: unknown[]) => track(`object ${name} ${prop}`, () => stub[prop]?.(...args) as Promise<unknown>);
      },
    });
  const objects = new Proxy(base.NOTEBOOK_CONTENT, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === "getByName") {
        return (name: string) => stubOf(target.getByName(name) as unknown as Stub, name);
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { env: { ...base, DB: db, NOTEBOOK_CONTENT: objects } as Env, trips };
}

/**
 * The longest chain of trips each waiting for the one before (a trip follows another that ended before it
 * started): how many round trips the request paid one after the other.
 */
export function sequentialTrips(trips: readonly Trip[]): Trip[] {
  const chains = new Map<Trip, Trip[]>();
  for (const trip of [...trips].sort((a, b) => a.start - b.start)) {
    const before = trips.filter((t) => t.end !== undefined && t.end < trip.start).map((t) => chains.get(t) ?? []);
    const longest = before.reduce<Trip[]>((best, chain) => (chain.length > best.length ? chain : best), []);
    chains.set(trip, [...longest, trip]);
  }
  return [...chains.values()].reduce<Trip[]>((best, chain) => (chain.length > best.length ? chain : best), []);
}

/**
 * `path` through the whole app (src/app.ts) with every round trip counted: `onPath` those made before the
 * response, `after` those of its waitUntil work. `body` is the JSON answer without its requestId, so that two
 * problems can be compared whole.
 */
export async function countedRequest(path: string, init: RequestInit = {}) {
  const { env: counted, trips } = countingEnv();
  const later: Promise<unknown>[] = [];
  const res = await app.request(path, init, counted, {
    waitUntil: (p: Promise<unknown>) => later.push(p),
    passThroughOnException: () => {},
    props: {},
  } as unknown as ExecutionContext);
  const { requestId: _, ...body } = (await res.json()) as Record<string, unknown> & { requestId?: string };
  const onPath = trips.map((t) => t.what);
  await Promise.all(later);
  return { status: res.status, type: res.headers.get("content-type"), body, onPath, after: trips.slice(onPath.length) };
}
