import adapter from "@sveltejs/adapter-cloudflare";

/** @type {import('@sveltejs/kit').Config} */
const config = {
  compilerOptions: {
    // Runes only in our code; libraries in node_modules keep whatever mode they were written in.
    runes: ({ filename }) => (filename.split(/[/\\]/).includes("node_modules") ? undefined : true),
  },
  kit: {
    // Reads ./wrangler.toml: builds the Worker to .svelte-kit/cloudflare/_worker.js with static assets beside it,
    // and emulates `platform.env` (including the API service binding) during `vite dev`.
    adapter: adapter(),
    // The DTOs and constants shared with the api Worker (../schemas), without `../../../../schemas` imports.
    alias: { $schemas: "../schemas" },
    // SvelteKit's form-origin check runs before `handle` and cannot exempt a path, so it would refuse a
    // partner's multipart upload to the /api proxy (API key, no Origin). It is switched off here and done by
    // `handle` instead (src/lib/server/form-origin.ts): the same rule for every page and form action, none
    // for /api/*, where the API's own guard checks Origin whenever a cookie authenticates.
    csrf: { trustedOrigins: ["*"] },
    // A strict CSP: scripts and style elements only from this origin or with the per-response nonce
    // SvelteKit puts on its own inline bootstrap. Style *attributes* stay allowed (style-src-attr): Svelte
    // templates, KaTeX's output and pdf.js's text layer position elements with them, and they cannot run code.
    csp: {
      mode: "auto",
      directives: {
        "default-src": ["self"],
        "script-src": ["self"],
        "style-src": ["self"],
        "style-src-attr": ["unsafe-inline"],
        "img-src": ["self", "data:", "blob:"],
        "font-src": ["self", "data:"],
        "connect-src": ["self"],
        "worker-src": ["self"],
        "object-src": ["none"],
        "base-uri": ["self"],
        "form-action": ["self"],
        "frame-ancestors": ["none"],
      },
    },
  },
};

export default config;
