import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Auth0EmulatorOptions, createAuth0Emulator } from "@auth0-edge/testing/core";
import { build } from "esbuild";
import type { InstanceReport } from "../fixtures/instance.js";
import { type EmulatorBridge, startEmulatorBridge } from "./emulator-bridge.js";
import type { RedisServer } from "./redis-server.js";

export const DOMAIN = "tenant.example.auth0.com";
export const CLIENT_ID = "many-instances-client";
export const CLIENT_SECRET = "s3cr3t-many-instances-DO-NOT-LEAK";
const USER_ID = "auth0|many-1";
// Generous: an instance that needs longer than this is hanging.
const DEADLINE_MS = 90_000;

const here = dirname(fileURLToPath(import.meta.url));

export interface FleetRun {
  processes: number;
  calls: number;
  /** More environment for each process (DURATION_MS, INTERVAL_MS, LEEWAY_SECONDS). */
  env?: Record<string, string>;
  emulator?: Partial<Auth0EmulatorOptions>;
}

/**
 * Node processes of the instance fixture, each with its own Redis connection, token
 * cache and client, against one emulator behind a loopback bridge that counts grants.
 */
export async function createFleet() {
  // Node 20 cannot run TypeScript: each process runs the fixture bundled to one file.
  const workDir = mkdtempSync(join(tmpdir(), "token-cache-redis-"));
  const script = join(workDir, "instance.cjs");
  await build({
    entryPoints: [join(here, "../fixtures/instance.ts")],
    outfile: script,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "error",
  });
  let emulator!: ReturnType<typeof createAuth0Emulator>;
  const hooks: { beforeTokenGrant: (headers: Record<string, unknown>) => Promise<void> } = {
    beforeTokenGrant: async () => {},
  };
  /** When the bridge sent each token answer (epoch ms), this run. */
  let grantsAnswered: number[] = [];
  /** Processes the test killed on purpose: their end is not a crash, and they report nothing. */
  const killed = new Set<number>();
  const bridge: EmulatorBridge = await startEmulatorBridge(
    DOMAIN,
    () => emulator.fetch,
    (headers) => hooks.beforeTokenGrant(headers),
    () => grantsAnswered.push(Date.now()),
  );

  /** Starts every process cold, waits until all are connected, then lets all go at once. */
  async function run(redis: RedisServer, options: FleetRun) {
    emulator = createAuth0Emulator({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      seed: { users: [{ user_id: USER_ID, email: "many@example.com" }] },
      ...options.emulator,
    });
    grantsAnswered = [];
    killed.clear();
    // The emulator makes its signing key on first use: make it now, not during the race.
    await emulator.fetch(`https://${DOMAIN}/.well-known/jwks.json`);
    const children: ChildProcess[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    try {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the instances did not finish within ${DEADLINE_MS} ms`)),
          DEADLINE_MS,
        );
      });
      const exchanges = Array.from({ length: options.processes }, () => {
        const child = fork(script, [], {
          execArgv: [],
          stdio: ["ignore", "inherit", "inherit", "ipc"],
          env: {
            PATH: process.env.PATH,
            REDIS_URL: redis.url,
            AUTH0_BRIDGE: bridge.url,
            AUTH0_DOMAIN: DOMAIN,
            AUTH0_CLIENT_ID: CLIENT_ID,
            AUTH0_CLIENT_SECRET: CLIENT_SECRET,
            USER_ID,
            CALLS: String(options.calls),
            ...options.env,
          },
        });
        children.push(child);
        // The fixture exits with 0 only after its report; anything else is a crash.
        const exited = new Promise<undefined>((resolve, reject) => {
          child.once("exit", (code, signal) => {
            if (killed.has(child.pid!)) resolve(undefined);
            else if (code !== 0) reject(new Error(`an instance crashed (${code ?? signal})`));
          });
        });
        const ready = new Promise<void>((resolve) => {
          child.on("message", (message) => message === "ready" && resolve());
        });
        const report = new Promise<InstanceReport>((resolve) => {
          child.on("message", (message) => {
            if ((message as InstanceReport).type === "done") resolve(message as InstanceReport);
          });
        });
        const settled = [Promise.race([ready, exited]), Promise.race([report, exited])];
        for (const promise of [exited, ...settled]) promise.catch(() => {});
        return {
          child,
          ready: settled[0] as Promise<void>,
          report: settled[1] as Promise<InstanceReport | undefined>,
        };
      });
      await Promise.race([Promise.all(exchanges.map((e) => e.ready)), deadline]);
      const go = Date.now();
      for (const { child } of exchanges) child.send("go");
      const all = await Promise.race([Promise.all(exchanges.map((e) => e.report)), deadline]);
      const reports = all.filter((r): r is InstanceReport => r !== undefined);
      return {
        reports,
        /** When the processes were let go (epoch ms). */
        go,
        /** When each token answer was sent (epoch ms). */
        grantsAnswered: [...grantsAnswered],
        /** The longest any call waited for its first attempt's token (in the process's own measure). */
        slowestTokenWaitMs: Math.max(...reports.map((r) => r.slowestTokenWaitMs)),
        /** When a token was first stored in Redis by any process (epoch ms): a grant's end. */
        firstStoredAt: Math.min(...reports.map((r) => r.storedAt ?? Number.POSITIVE_INFINITY)),
        startMs: go - started,
        runMs: Date.now() - go,
        ok: reports.reduce((sum, r) => sum + r.ok, 0),
        calls: reports.reduce((sum, r) => sum + r.ok + r.failed, 0),
        failures: reports.flatMap((r) => r.failures),
        slowestMs: Math.max(...reports.map((r) => r.slowestMs)),
        // More than the calls when a slow machine made some attempts time out and retry.
        apiRequests: emulator.requests.filter((r) => r.kind === "api").length,
        /** API requests refused with 401 (each retried by its client with another token). */
        refusedRequests: emulator.requests.filter((r) => r.kind === "api" && r.status === 401)
          .length,
      };
    } finally {
      clearTimeout(timer);
      for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    }
  }

  return {
    run,
    hooks,
    /** SIGKILLs a process of the running fleet, as a crash would; the run goes on without it. */
    kill(pid: number) {
      killed.add(pid);
      process.kill(pid, "SIGKILL");
    },
    get emulator() {
      return emulator;
    },
    async close() {
      await bridge.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
