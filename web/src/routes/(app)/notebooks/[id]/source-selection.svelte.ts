/**
 * Which of the notebook's sources the student has chosen: every source panel checkbox writes here, and
 * questions and study generation read `documentIds` from here. All are chosen at first, and a new source is
 * chosen as it arrives; `documentIds` is undefined while every source is chosen, so the API reads the
 * whole notebook (which is also what it does for sources added after the question was asked). A source that
 * failed or was rejected is no choice: it is neither chosen nor counted (`unusable` counts it), and it is
 * chosen like a new one if it is tried again.
 */
import { SvelteSet } from "svelte/reactivity";

/** Makes `set` hold `ids`, touching only what changed (so what reads it moves only then); returns `set`. */
function mirror(set: SvelteSet<string>, ids: readonly string[]): SvelteSet<string> {
  const wanted = new Set(ids);
  for (const id of wanted) if (!set.has(id)) set.add(id);
  for (const id of [...set]) if (!wanted.has(id)) set.delete(id);
  return set;
}

export class SourceSelection {
  #known = new SvelteSet<string>();
  #chosen = new SvelteSet<string>();
  #ready = new SvelteSet<string>();
  #unusable = new SvelteSet<string>();

  constructor(ids: readonly string[] = [], readyIds: readonly string[] = [], unusableIds: readonly string[] = []) {
    this.sync(ids, readyIds, unusableIds);
  }

  /**
   * The notebook's current sources: new ones are chosen, removed ones forgotten. `readyIds` (those ready)
   * move `readyKey` when they change, so the first look is fetched again then, and only then. `unusableIds`
   * (failed or rejected) are left out of the choice.
   */
  sync(ids: readonly string[], readyIds: readonly string[] = [], unusableIds: readonly string[] = []) {
    mirror(this.#ready, readyIds);
    const unusable = mirror(this.#unusable, unusableIds);
    const now = new Set(ids.filter((id) => !unusable.has(id)));
    for (const id of now) {
      if (!this.#known.has(id)) {
        this.#known.add(id);
        this.#chosen.add(id);
      }
    }
    for (const id of [...this.#known]) {
      if (!now.has(id)) {
        this.#known.delete(id);
        this.#chosen.delete(id);
      }
    }
  }

  /** The ready sources' ids, sorted and joined: changes only when a source becomes ready or goes. */
  get readyKey() {
    return [...this.#ready].sort().join(",");
  }

  has(id: string) {
    return this.#chosen.has(id);
  }

  toggle(id: string, on: boolean) {
    if (on) this.#chosen.add(id);
    else this.#chosen.delete(id);
  }

  setAll(on: boolean) {
    for (const id of this.#known) this.toggle(id, on);
  }

  get count() {
    return this.#chosen.size;
  }

  get total() {
    return this.#known.size;
  }

  /** The sources that failed or were rejected: not in `total`, never chosen. */
  get unusable() {
    return this.#unusable.size;
  }

  get all() {
    return this.#chosen.size === this.#known.size;
  }

  get none() {
    return this.#known.size > 0 && this.#chosen.size === 0;
  }

  /** What to send as `documentIds`: undefined for "all of them". */
  get documentIds(): string[] | undefined {
    return this.all ? undefined : [...this.#chosen];
  }
}
