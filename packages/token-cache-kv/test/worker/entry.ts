// The Worker the tests run in workerd: it holds a real KV binding and talks to the
// Auth0 emulator through ordinary `fetch`, which Miniflare routes to the Node test process.
import { createManagementClient, request } from "@auth0-edge/management";
import { runTokenCacheContract } from "@auth0-edge/testing/token-cache-contract";
import { createKvTokenCache, type KvNamespaceLike } from "../../src/index.js";
import { delayedVisibility } from "./delayed-kv.js";
import type {
  CacheOp,
  CacheResult,
  CallsRequest,
  CallsResult,
  CyclesRequest,
  CyclesResult,
  WireCacheOptions,
} from "./wire.js";

interface Env {
  TOKENS: KvNamespaceLike;
  AUTH0_DOMAIN: string;
  AUTH0_CLIENT_ID: string;
  AUTH0_CLIENT_SECRET: string;
}

/** Namespaces standing for a KV that is down: one throws from its methods, one rejects. */
const brokenNamespaces: Record<string, KvNamespaceLike> = {
  throwing: {
    get: () => {
      throw new Error("KV GET failed: 503 Service Unavailable");
    },
    put: () => {
      throw new Error("KV PUT failed: 503 Service Unavailable");
    },
    delete: () => {
      throw new Error("KV DELETE failed: 503 Service Unavailable");
    },
  },
  rejecting: {
    get: () => Promise.reject(new Error("KV GET failed: 500 Internal Server Error")),
    put: () => Promise.reject(new Error("KV PUT failed: 429 Too Many Requests")),
    delete: () => Promise.reject(new Error("KV DELETE failed: 500 Internal Server Error")),
  },
};

function cacheFor(env: Env, wire: WireCacheOptions = {}, namespace = "real") {
  const { clockOffsetMs = 0, encryptionKeyFromEnv, ...options } = wire;
  const ns = namespace === "real" ? env.TOKENS : brokenNamespaces[namespace];
  if (!ns) throw new Error(`no namespace ${namespace}`);
  if (encryptionKeyFromEnv !== undefined) {
    options.encryptionKey = (env as unknown as Record<string, string>)[encryptionKeyFromEnv];
  }
  return createKvTokenCache(ns, { ...options, now: () => Date.now() + clockOffsetMs });
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

async function runCacheOps(env: Env, body: { options?: WireCacheOptions; ops: CacheOp[] }) {
  const results: CacheResult[] = [];
  let cache: ReturnType<typeof createKvTokenCache>;
  try {
    cache = cacheFor(env, body.options);
  } catch (error) {
    return [{ error: describe(error) }];
  }
  for (const op of body.ops) {
    try {
      if (op.op === "get") results.push({ value: (await cache.get(op.key)) ?? null });
      else {
        await (op.op === "set" ? cache.set(op.key, op.value, op.ttl) : cache.delete(op.key));
        results.push({ value: null });
      }
    } catch (error) {
      results.push({ error: describe(error) });
    }
  }
  return results;
}

// Made on the first request (workerd allows no randomness at start-up): it tells one
// isolate's memory from another's.
let memoryId: string | undefined;

/** A cold client, as a Worker makes one per request, running `count` calls at once. */
async function runCalls(env: Env, body: CallsRequest): Promise<CallsResult> {
  memoryId ??= crypto.randomUUID();
  const client = createManagementClient({
    domain: env.AUTH0_DOMAIN,
    clientId: env.AUTH0_CLIENT_ID,
    clientSecret: env.AUTH0_CLIENT_SECRET,
    tokenCache: cacheFor(env, body.options, body.namespace),
    // One emulator in Node answers the calls of 20 isolates at once: on two busy cores its
    // queue can outlast the default 15 s attempt time-out, and the retries of those
    // time-outs are bounded by the retry budget. These tests are about the token.
    attemptTimeoutMs: 60_000,
  });
  const outcomes = await Promise.allSettled(
    Array.from({ length: body.count }, () => request(client, { method: "GET", path: "/users" })),
  );
  return {
    memoryId,
    succeeded: outcomes.filter((o) => o.status === "fulfilled").length,
    errors: outcomes.flatMap((o) => (o.status === "rejected" ? [describe(o.reason)] : [])),
  };
}

/** The token cache contract, run here in workerd on the real KV binding. */
async function runContract(env: Env, { encryptionKey }: { encryptionKey?: string }) {
  return runTokenCacheContract({
    create: ({ now }) =>
      createKvTokenCache(env.TOKENS, { now, ...(encryptionKey ? { encryptionKey } : {}) }),
    // KV's expirationTtl floor: an entry cannot be made to end within a second.
    minTtlSeconds: 60,
  });
}

/** The client an isolate keeps between requests, when the run asks for one per isolate. */
let kept: ReturnType<typeof createManagementClient> | undefined;

/** Calls one after another across several token lives: the refresh cycles of one isolate. */
async function runCycles(env: Env, body: CyclesRequest): Promise<CyclesResult> {
  memoryId ??= crypto.randomUUID();
  const isolate = memoryId;
  const namespace = body.visibilityDelayMs
    ? delayedVisibility(env.TOKENS, isolate, body.visibilityDelayMs)
    : env.TOKENS;
  const make = () =>
    createManagementClient({
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
      tokenCache: createKvTokenCache(namespace),
      tokenLeewaySeconds: body.leewaySeconds,
      attemptTimeoutMs: 60_000,
    });
  if (!body.perRequest) kept ??= make();
  let ok = 0;
  const failures: string[] = [];
  for (const until = Date.now() + body.durationMs; ; ) {
    try {
      await request(body.perRequest ? make() : kept!, { method: "GET", path: "/users" });
      ok++;
    } catch (error) {
      const { code, statusCode } = error as { code?: string; statusCode?: number };
      failures.push(`${code ?? describe(error)}${statusCode ? ` ${statusCode}` : ""}`);
    }
    if (Date.now() >= until) break;
    await new Promise((resolve) => setTimeout(resolve, body.intervalMs));
  }
  return { memoryId: isolate, ok, failures };
}

export default {
  async fetch(req: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(req.url);
    if (pathname === "/cache") return Response.json(await runCacheOps(env, await req.json()));
    if (pathname === "/contract") return Response.json(await runContract(env, await req.json()));
    if (pathname === "/run") return Response.json(await runCycles(env, await req.json()));
    if (pathname === "/calls") return Response.json(await runCalls(env, await req.json()));
    return new Response("not found", { status: 404 });
  },
};
