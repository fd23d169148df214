/** The message every call to a deleted notebook's object fails with (notebook-content.ts `wipe`). */
export const GONE_MESSAGE = "notebook-content-gone: this notebook was deleted";
