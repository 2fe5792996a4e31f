// The Worker the tests run in workerd: it exports the coordinator (the first worker holds
// the namespace, the others bind it by script name) and talks to the Auth0 emulator
// through ordinary `fetch`, which Miniflare hands to the Node test process.
import {
  createManagementClient,
  type ManagementClient,
  ManagementError,
  request,
  type TokenCache,
  type TokenCacheLease,
} from "@auth0-edge/management";
import { shareTokenCache } from "@auth0-edge/management/token-cache";
import { runTokenCacheContract } from "@auth0-edge/testing/token-cache-contract";
import {
  type CoordinatorProtocol,
  createDurableObjectTokenCache,
  type DurableObjectNamespaceLike,
} from "../../src/index.js";
import type {
  CacheOp,
  CacheResult,
  CallFailure,
  RunRequest,
  RunResult,
  WireCacheOptions,
} from "./wire.js";

export { Auth0TokenCoordinator } from "../../src/index.js";

interface Env {
  AUTH0_TOKENS: DurableObjectNamespaceLike;
  AUTH0_CLIENT_ID: string;
  AUTH0_CLIENT_SECRET: string;
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

function cacheFor(env: Env, wire: WireCacheOptions = {}) {
  const { clockOffsetMs = 0, ...options } = wire;
  return createDurableObjectTokenCache(env.AUTH0_TOKENS, {
    ...options,
    now: () => Date.now() + clockOffsetMs,
  });
}

/** Cache calls that failed in this isolate (the client treats them as misses): the tests show them. */
let cacheErrors: string[] = [];

/** The cache of a client: every failure is noted, then passed on as it was. */
function watchedCacheFor(env: Env, wire?: WireCacheOptions): TokenCache {
  const cache = cacheFor(env, wire);
  const watch =
    <A extends unknown[], R>(name: string, method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await method(...args);
      } catch (error) {
        cacheErrors.push(`${name}: ${describe(error)}`);
        throw error;
      }
    };
  // A cache of our own, so it goes through shareTokenCache as a user's would.
  return shareTokenCache({
    get: watch("get", cache.get),
    set: watch("set", cache.set),
    delete: watch("delete", cache.delete),
    lease: watch("lease", cache.lease),
  });
}

/** The object named `name`, called directly as the cache would. */
function coordinator(env: Env, name: string): CoordinatorProtocol {
  const namespace = env.AUTH0_TOKENS as unknown as {
    idFromName(name: string): unknown;
    get(id: unknown): CoordinatorProtocol;
  };
  return namespace.get(namespace.idFromName(name));
}

/** Leases taken by /cache requests, kept for the ops of later requests. */
const held = new Map<string, TokenCacheLease>();

async function runCacheOps(env: Env, body: { options?: WireCacheOptions; ops: CacheOp[] }) {
  let cache: ReturnType<typeof createDurableObjectTokenCache>;
  try {
    cache = cacheFor(env, body.options);
  } catch (error) {
    return [{ error: describe(error) }];
  }
  const run = async (op: CacheOp): Promise<unknown> => {
    switch (op.op) {
      case "get":
        return cache.get(op.key);
      case "set":
        return cache.set(op.key, op.value, op.ttl);
      case "delete":
        return cache.delete(op.key, op.accessToken);
      case "lease": {
        const lease = await cache.lease(op.key, op.ttlMs, op.waitMs);
        if (lease) held.set(op.hold, lease);
        return lease ? "held" : null;
      }
      case "renew":
        return held.get(op.hold)!.renew();
      case "release":
        return held.get(op.hold)!.release();
      case "raw-read":
        return coordinator(env, op.name).read();
      case "raw-write":
        return coordinator(env, op.name).write(op.entry);
    }
  };
  const results: CacheResult[] = [];
  for (const op of body.ops) {
    try {
      results.push({ value: (await run(op)) ?? null });
    } catch (error) {
      results.push({ error: describe(error) });
    }
  }
  return results;
}

// Made on the first request (workerd allows no randomness at start-up): it tells one
// isolate's memory from another's.
let memoryId: string | undefined;
/** One client per tenant, kept for the isolate's life, as the README advises. */
const clients = new Map<string, ManagementClient>();

function clientFor(env: Env, body: RunRequest): ManagementClient {
  const make = () =>
    createManagementClient({
      domain: body.domain,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
      tokenCache: watchedCacheFor(env, body.cache),
      ...(body.tokenLeewaySeconds === undefined
        ? {}
        : { tokenLeewaySeconds: body.tokenLeewaySeconds }),
      // One emulator in Node answers the calls of 20 isolates at once: on two busy cores its
      // queue can outlast the default attempt time-out. These tests are about the token.
      attemptTimeoutMs: 60_000,
    });
  if (body.clientPerCall) return make();
  let client = clients.get(body.domain);
  if (!client) {
    client = make();
    clients.set(body.domain, client);
  }
  return client;
}

function failureOf(error: unknown): CallFailure {
  if (!(error instanceof ManagementError)) return { code: "not-a-ManagementError" };
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === "number") return { code: error.code, status };
  // The SDK's messages never hold a token or a secret; a network failure's says what broke.
  return error.code === "ERR_NETWORK"
    ? { code: error.code, message: error.message }
    : { code: error.code };
}

/** A burst of concurrent calls, then one call every `intervalMs` for `durationMs`. */
async function runCalls(env: Env, body: RunRequest): Promise<RunResult> {
  memoryId ??= crypto.randomUUID();
  const failures: CallFailure[] = [];
  let ok = 0;
  const call = () =>
    request(clientFor(env, body), { method: "GET", path: "/users" }).then(
      () => void ok++,
      (error: unknown) => void failures.push(failureOf(error)),
    );
  await Promise.all(Array.from({ length: body.burst }, call));
  for (const until = Date.now() + (body.durationMs ?? 0); Date.now() < until; ) {
    await new Promise((resolve) => setTimeout(resolve, body.intervalMs ?? 100));
    await call();
  }
  const errors = cacheErrors;
  cacheErrors = [];
  return { memoryId, ok, failures, cacheErrors: errors };
}

/** The token cache contract, run here in workerd on the real namespace of coordinators. */
async function runContract(env: Env, { encryptionKey }: { encryptionKey?: string }) {
  return runTokenCacheContract({
    create: ({ now }) =>
      createDurableObjectTokenCache(env.AUTH0_TOKENS, {
        now,
        ...(encryptionKey ? { encryptionKey } : {}),
      }),
    lease: true,
    compareAndDelete: true,
  });
}

export default {
  async fetch(req: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(req.url);
    if (pathname === "/cache") return Response.json(await runCacheOps(env, await req.json()));
    if (pathname === "/contract") return Response.json(await runContract(env, await req.json()));
    if (pathname === "/run") return Response.json(await runCalls(env, await req.json()));
    return new Response("not found", { status: 404 });
  },
};
