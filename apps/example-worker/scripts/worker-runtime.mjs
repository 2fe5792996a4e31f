// Runs the Worker in workerd (through Miniflare) with its KV namespace and its Durable Object
// namespace, and hands its outbound requests to a function of this Node process: the Auth0
// emulator in the tests and the emulator demo, the real network for a real tenant. Used by
// tests and `pnpm demo`.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare, Response as MiniflareResponse } from "miniflare";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const wranglerToml = join(appDir, "wrangler.toml");

/**
 * Wrangler's environment for our runs: no usage metrics, and no banner, which is where
 * wrangler checks the registry for a newer version of itself. Neither changes the bundle.
 */
export const wranglerEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
};

/** The `wrangler` CLI of this app's dev dependencies. */
export function wranglerBin() {
  const require = createRequire(join(appDir, "package.json"));
  const manifest = require.resolve("wrangler/package.json");
  return join(dirname(manifest), "bin", "wrangler.js");
}

/**
 * The bundle users ship: `wrangler deploy --dry-run --outdir`, which bundles src/index.ts
 * as a real deploy would (wrangler's own esbuild, its Worker export conditions) without
 * uploading anything.
 * @returns {Promise<string>}
 */
export async function bundleWorker() {
  const outdir = await mkdtemp(join(tmpdir(), "example-worker-bundle-"));
  try {
    const output = await new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [wranglerBin(), "deploy", "--dry-run", "--outdir", outdir, "--config", wranglerToml],
        { cwd: appDir, env: wranglerEnv, stdio: ["ignore", "pipe", "pipe"] },
      );
      let log = "";
      child.stdout.on("data", (chunk) => (log += chunk));
      child.stderr.on("data", (chunk) => (log += chunk));
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 ? resolve(log) : reject(new Error(`wrangler deploy --dry-run failed:\n${log}`)),
      );
    });
    if (!/--dry-run: exiting now/.test(String(output))) {
      throw new Error(`wrangler deploy --dry-run said something unexpected:\n${output}`);
    }
    return await readFile(join(outdir, "index.js"), "utf8");
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** The `compatibility_date` of wrangler.toml, so tests and demo run what a deploy would. */
async function compatibilityDate() {
  const match = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(await readFile(wranglerToml, "utf8"));
  if (!match?.[1]) throw new Error("wrangler.toml has no compatibility_date");
  return match[1];
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * @param {{ status: number, headers: Iterable<[string, string]>, arrayBuffer(): Promise<ArrayBuffer> }} answer
 * @returns {Promise<[ArrayBuffer | null, { status: number, headers: Record<string, string> }]>}
 */
async function copyOf(answer) {
  const body = NULL_BODY_STATUSES.has(answer.status) ? null : await answer.arrayBuffer();
  return [body, { status: answer.status, headers: Object.fromEntries(answer.headers) }];
}

/**
 * Hands a request the Worker sent to `outbound` as a standard Request of this process,
 * and its answer back to workerd (Miniflare has a copy of undici of its own).
 * @param {(request: Request) => Promise<Response>} outbound
 */
export function outboundService(outbound) {
  return async (/** @type {import("miniflare").Request} */ sent) => {
    const hasBody = sent.method !== "GET" && sent.method !== "HEAD";
    const request = new Request(sent.url, {
      method: sent.method,
      headers: Object.fromEntries(sent.headers),
      body: hasBody ? await sent.arrayBuffer() : undefined,
      // The SDK never follows redirects with a bearer token; keep it so on the way out.
      redirect: "manual",
    });
    return new MiniflareResponse(...(await copyOf(await outbound(request))));
  };
}

/**
 * @typedef {object} KvView  the Worker's KV namespace, seen from Node
 * @property {(key: string) => Promise<string | null>} get
 * @property {() => Promise<{ keys: { name: string, expiration?: number }[] }>} list
 */

/** @typedef {import("@auth0-edge/token-cache-durable-object").StoredToken} StoredToken */

/**
 * @typedef {object} WorkerRequest
 * @property {string} [method]
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {AbortSignal} [signal]
 */

/**
 * @typedef {object} RunningWorker
 * @property {(path: string, init?: WorkerRequest) => Promise<Response>} fetch  a request to the Worker
 * @property {() => Promise<KvView>} tokenCache  its TOKEN_CACHE namespace
 * @property {(name: string) => Promise<StoredToken | null>} coordinator  what the AUTH0_TOKENS object `name` holds
 * @property {string[]} logs  the lines the Worker wrote to stdout and stderr
 * @property {() => Promise<void>} dispose  stops workerd (again: no-op)
 */

/**
 * Starts the Worker in workerd.
 * @param {object} options
 * @param {string} [options.script]  the bundle (default: bundled now)
 * @param {Record<string, string>} options.bindings  vars and secrets
 * @param {(request: Request) => Promise<Response>} options.outbound  where the Worker's fetches go
 * @param {string} [options.kvPersist]  a directory to keep KV in, for Workers started one after another
 * @param {string} [options.durableObjectsPersist]  the same for the Durable Objects' storage
 * @returns {Promise<RunningWorker>}
 */
export async function startWorker(options) {
  /** @type {string[]} */
  const logs = [];
  const mf = new Miniflare({
    modules: true,
    script: options.script ?? (await bundleWorker()),
    compatibilityDate: await compatibilityDate(),
    bindings: options.bindings,
    kvNamespaces: ["TOKEN_CACHE"],
    kvPersist: options.kvPersist ?? false,
    // As wrangler.toml's binding and `new_sqlite_classes` migration make it.
    durableObjects: { AUTH0_TOKENS: { className: "Auth0TokenCoordinator", useSQLite: true } },
    durableObjectsPersist: options.durableObjectsPersist ?? false,
    outboundService: outboundService(options.outbound),
    handleRuntimeStdio(
      /** @type {import("node:stream").Readable} */ stdout,
      /** @type {import("node:stream").Readable} */ stderr,
    ) {
      for (const stream of [stdout, stderr]) {
        stream.setEncoding("utf8");
        stream.on("data", (/** @type {string} */ chunk) => {
          logs.push(...chunk.split("\n").filter(Boolean));
        });
      }
    },
  });
  await mf.ready;
  /** @type {Promise<void> | undefined} */
  let disposed;
  return {
    async fetch(path, init) {
      const answer = await mf.dispatchFetch(`http://admin.local${path}`, init);
      return new Response(...(await copyOf(answer)));
    },
    tokenCache: async () => /** @type {KvView} */ (await mf.getKVNamespace("TOKEN_CACHE")),
    async coordinator(name) {
      const namespace = await mf.getDurableObjectNamespace("AUTH0_TOKENS");
      const stub = /** @type {any} */ (namespace.get(namespace.idFromName(name)));
      return /** @type {StoredToken | null} */ (await stub.read());
    },
    logs,
    dispose: () => {
      disposed ??= mf.dispose();
      return disposed;
    },
  };
}
