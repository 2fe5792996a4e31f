// Cold starts in workerd (Miniflare drives the workerd binary npm ships): from creating
// the runtime with a bundled getUser Worker to the first answer, which includes the
// token grant and the API call (answered by the loopback server through outboundService).
// An empty Worker is the baseline; rounds are interleaved.
import { Miniflare } from "miniflare";
import { bundleEntry } from "./bundles.mjs";
import { DOMAIN } from "./clients.mjs";

async function coldStart(script, port, compatibilityFlags) {
  const started = performance.now();
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: "2026-04-01",
    compatibilityFlags,
    bindings: {
      AUTH0_DOMAIN: DOMAIN,
      AUTH0_CLIENT_ID: "bench",
      AUTH0_CLIENT_SECRET: "bench-secret",
    },
    outboundService: (request) => {
      const url = new URL(request.url);
      return fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        duplex: "half",
      });
    },
  });
  try {
    const response = await mf.dispatchFetch("http://worker.test/?id=auth0%7C1");
    const text = await response.text();
    if (!response.ok)
      throw new Error(`cold start answered ${response.status}: ${text.slice(0, 300)}`);
    return performance.now() - started;
  } finally {
    await mf.dispose();
  }
}

export async function measureColdStarts(impls, port, rounds) {
  const scripts = { empty: (await bundleEntry("empty")).text };
  const flags = { empty: [] };
  for (const impl of impls) {
    const built = await bundleEntry(`${impl}-get-user`);
    scripts[impl] = built.text;
    // A bundle that leaves Node built-ins to the runtime needs workerd's Node compatibility.
    flags[impl] = built.nodeImports.length > 0 ? ["nodejs_compat"] : [];
  }
  const names = Object.keys(scripts);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  // One start not counted: the first workerd of a run also loads the binary from disk.
  await coldStart(scripts.empty, port, []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      samples[name].push(await coldStart(scripts[name], port, flags[name]));
    }
  }
  return { samples, flags };
}
