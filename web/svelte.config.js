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
  },
};

export default config;
