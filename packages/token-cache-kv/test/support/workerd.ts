import {
  type Auth0Emulator,
  type Auth0EmulatorOptions,
  createAuth0Emulator,
} from "@auth0-edge/testing/core";
import type { ContractOutcome } from "@auth0-edge/testing/token-cache-contract";
import { Miniflare, type Request as MiniflareRequest } from "miniflare";
import { inject } from "vitest";
import type {
  CacheOp,
  CacheResult,
  CallsRequest,
  CallsResult,
  CyclesRequest,
  CyclesResult,
  WireCacheOptions,
} from "../worker/wire.js";

export const DOMAIN = "tenant.example.auth0.com";
export const CLIENT_ID = "kv-cache-client";
export const CLIENT_SECRET = "kv-cache-secret-4b1d7e0c";
/** The binding's namespace id: every worker that names it reads and writes the same keys. */
const NAMESPACE_ID = "auth0-tokens";
const COMPATIBILITY_DATE = "2026-04-01";

function newEmulator(options: Partial<Auth0EmulatorOptions> = {}): Auth0Emulator {
  return createAuth0Emulator({
    domain: DOMAIN,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...options,
  });
}

export interface Workerd {
  /** The Auth0 emulator every worker's `fetch` reaches; it counts token grants. */
  readonly emulator: Auth0Emulator;
  /** Replaces the emulator with a fresh one (no grants counted, no tokens known). */
  newEmulator(options?: Partial<Auth0EmulatorOptions>): Auth0Emulator;
  /** The names of the workers, one isolate each. */
  readonly workers: readonly string[];
  /** The KV namespace as seen from Node, through Miniflare's real binding. */
  kv(): ReturnType<Miniflare["getKVNamespace"]>;
  /** Runs cache operations, in order, inside a worker. */
  cache(ops: CacheOp[], options?: WireCacheOptions, worker?: string): Promise<CacheResult[]>;
  /** Makes `count` concurrent API calls from one cold client inside a worker. */
  calls(body: CallsRequest, worker?: string): Promise<CallsResult>;
  /** Runs calls across several token lives inside a worker (see CyclesRequest). */
  cycles(body: CyclesRequest, worker?: string): Promise<CyclesResult>;
  /** Runs the token cache contract inside a worker, on the real KV binding. */
  contract(options?: { encryptionKey?: string }): Promise<ContractOutcome[]>;
  /** Deletes every key of the namespace. */
  clearKv(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Starts one workerd process holding `instances` workers (each in its own isolate, with
 * its own empty memory) that share one KV namespace. Their outbound `fetch` is served in
 * this Node process by the current emulator.
 */
export async function startWorkerd(instances = 1): Promise<Workerd> {
  let emulator = newEmulator();
  const toEmulator = async (request: MiniflareRequest): Promise<Response> => {
    const body = request.method === "GET" ? undefined : await request.arrayBuffer();
    return emulator.fetch(
      new Request(request.url, { method: request.method, headers: [...request.headers], body }),
    );
  };
  const workers = Array.from({ length: instances }, (_, i) => `instance-${i}`);
  const code = inject("workerScript");
  const mf = new Miniflare({
    compatibilityDate: COMPATIBILITY_DATE,
    workers: workers.map((name) => ({
      name,
      modules: true,
      script: code,
      kvNamespaces: { TOKENS: NAMESPACE_ID },
      bindings: {
        AUTH0_DOMAIN: DOMAIN,
        AUTH0_CLIENT_ID: CLIENT_ID,
        AUTH0_CLIENT_SECRET: CLIENT_SECRET,
      },
      outboundService: toEmulator,
    })),
  });
  await mf.ready;

  const post = async <T>(worker: string, path: string, body: unknown): Promise<T> => {
    const fetcher = await mf.getWorker(worker);
    const response = await fetcher.fetch(`http://worker${path}`, {
      method: "POST",
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const first = workers[0]!;
  const kv = () => mf.getKVNamespace("TOKENS", first);

  return {
    get emulator() {
      return emulator;
    },
    newEmulator(options) {
      emulator = newEmulator(options);
      return emulator;
    },
    workers,
    kv,
    cache: (ops, options = {}, worker = first) => post(worker, "/cache", { options, ops }),
    calls: (body, worker = first) => post(worker, "/calls", body),
    contract: (options = {}) => post(first, "/contract", options),
    cycles: (body, worker = first) => post(worker, "/run", body),
    async clearKv() {
      const namespace = await kv();
      const { keys } = await namespace.list();
      await Promise.all(keys.map((k: { name: string }) => namespace.delete(k.name)));
    },
    dispose: () => mf.dispose(),
  };
}

/**
 * The key the management client caches its token under, for this tenant and client:
 * `auth0-edge:token:` and the URL-encoded domain, client id, audience and scope.
 */
export const CLIENT_CACHE_KEY = `auth0-edge:token:${[
  DOMAIN,
  CLIENT_ID,
  `https://${DOMAIN}/api/v2/`,
  "",
]
  .map(encodeURIComponent)
  .join(":")}`;

/** A token for the cache tests: what it holds does not matter, only that it is found again. */
export function someToken(lifetimeMs = 3_600_000, accessToken = "at-cached-0001") {
  return { accessToken, expiresAt: Date.now() + lifetimeMs };
}

/** KV's `expiration` of `key` (epoch seconds), from a listing of the namespace. */
export async function expirationOf(workerd: Workerd, key: string): Promise<number | undefined> {
  const { keys } = await (await workerd.kv()).list({ prefix: key });
  return (keys as { name: string; expiration?: number }[]).find((k) => k.name === key)?.expiration;
}
