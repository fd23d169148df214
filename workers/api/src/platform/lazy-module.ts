/**
 * A module (or anything built from modules) loaded on first use and then kept for the isolate's life.
 *
 * The loaded value is kept, never the promise of it: a promise made while one request loads a module and
 * awaited by another request is refused by the runtime when its settling carries I/O (workerd's "Cannot
 * perform I/O on behalf of a different request"; vitest's module runner loads modules with I/O). So two
 * first uses at once each run `load` (the module itself is evaluated once), and after that no `import()`
 * runs again: a hot path such as a middleware on every request costs one property read.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: T | undefined;
  return async () => {
    if (loaded === undefined) loaded = await load();
    return loaded;
  };
}
