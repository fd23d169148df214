import type { ClientInit } from "@sveltejs/kit";

// zod (the shared DTOs in schemas/) probes `new Function` once to decide whether to compile its parsers; the
// strict CSP refuses it and Chromium reports a violation even though zod catches the error. `jitless` skips
// the probe. Set on zod's global config object (created here if zod has not loaded yet) so that importing zod
// is not needed for it.
const zodConfig = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
zodConfig.__zod_globalConfig ??= {};
zodConfig.__zod_globalConfig.jitless = true;

export const init: ClientInit = () => {};
