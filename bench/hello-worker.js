// The runtime floor for bench/perf.mjs: the smallest Worker under the same `wrangler dev`, same machine, same
// loopback. Whatever studyAI's trivial authenticated GET costs above this is ours.
export default {
  fetch() {
    return new Response('{"ok":true}', { headers: { "content-type": "application/json" } });
  },
};
