import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../../schemas/db";

export type Db = ReturnType<typeof getDb>;

/** All database access goes through this one typed handle. */
export function getDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export { schema };
