import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createAuth0Emulator } from "@auth0-edge/testing/core";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InstanceReport } from "./fixtures/instance.js";
import { type EmulatorBridge, startEmulatorBridge } from "./support/emulator-bridge.js";
import { type RedisServer, startRedisServer } from "./support/redis-server.js";

const PROCESSES = 20;
const CALLS = 50;
// Generous: the client bounds each cache call at 2 s and the wait for another instance's
// token at 5 s, so an instance that needs longer than this is hanging.
const DEADLINE_MS = 90_000;
const DOMAIN = "tenant.example.auth0.com";
const CLIENT_ID = "many-instances-client";
const CLIENT_SECRET = "s3cr3t-many-instances-DO-NOT-LEAK";
const USER_ID = "auth0|many-1";

const here = dirname(fileURLToPath(import.meta.url));

describe(`${PROCESSES} Node processes sharing one redis-server, ${CALLS} calls each`, () => {
  let workDir: string;
  let script: string;
  let emulator: ReturnType<typeof createAuth0Emulator>;
  let bridge: EmulatorBridge;
  let beforeTokenGrant: () => Promise<void> = async () => {};

  beforeAll(async () => {
    // Node 20 cannot run TypeScript: each process runs the fixture bundled to one file.
    workDir = mkdtempSync(join(tmpdir(), "token-cache-redis-"));
    script = join(workDir, "instance.cjs");
    await build({
      entryPoints: [join(here, "fixtures/instance.ts")],
      outfile: script,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      logLevel: "error",
    });
    bridge = await startEmulatorBridge(
      DOMAIN,
      () => emulator.fetch,
      () => beforeTokenGrant(),
    );
  });
  afterAll(async () => {
    await bridge?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** Starts every process cold, waits until all are connected, then lets all go at once. */
  async function runInstances(redis: RedisServer) {
    emulator = createAuth0Emulator({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      seed: { users: [{ user_id: USER_ID, email: "many@example.com" }] },
    });
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
      const exchanges = Array.from({ length: PROCESSES }, () => {
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
            CALLS: String(CALLS),
          },
        });
        children.push(child);
        // The fixture exits with 0 only after its report; anything else is a crash.
        const exited = new Promise<never>((_, reject) => {
          child.once("exit", (code, signal) => {
            if (code !== 0) reject(new Error(`an instance crashed (${code ?? signal})`));
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
          report: settled[1] as Promise<InstanceReport>,
        };
      });
      await Promise.race([Promise.all(exchanges.map((e) => e.ready)), deadline]);
      const go = Date.now();
      for (const { child } of exchanges) child.send("go");
      const reports = await Promise.race([Promise.all(exchanges.map((e) => e.report)), deadline]);
      return { reports, startMs: go - started, runMs: Date.now() - go };
    } finally {
      clearTimeout(timer);
      for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    }
  }

  const summary = (reports: InstanceReport[]) => ({
    ok: reports.reduce((sum, r) => sum + r.ok, 0),
    failures: reports.flatMap((r) => r.failures),
    // More than the calls when a slow machine made some attempts time out and retry.
    apiRequests: emulator.requests.filter((r) => r.kind === "api").length,
  });

  it("fetch exactly one token between them", async () => {
    const redis = await startRedisServer();
    try {
      const { reports, startMs, runMs } = await runInstances(redis);

      const { ok, failures, apiRequests } = summary(reports);
      console.log(
        `[token-cache-redis] ${PROCESSES} processes × ${CALLS} calls, one Redis: ` +
          `${ok}/${PROCESSES * CALLS} calls succeeded, ${emulator.tokenGrants} token grant(s), ` +
          `${apiRequests} API requests (processes ready in ${startMs} ms, calls done in ${runMs} ms)`,
      );
      expect(failures).toEqual([]);
      expect(ok).toBe(PROCESSES * CALLS);
      expect(emulator.tokenGrants).toBe(1);
    } finally {
      await redis.stop();
    }
  });

  it("lose no call when Redis is killed before the first token is granted", async () => {
    const redis = await startRedisServer();
    let killedAt: number | undefined;
    beforeTokenGrant = async () => {
      if (killedAt !== undefined) return;
      killedAt = Date.now();
      await redis.kill();
    };
    try {
      const { reports, startMs, runMs } = await runInstances(redis);

      const { ok, failures, apiRequests } = summary(reports);
      console.log(
        `[token-cache-redis] Redis SIGKILLed at the first token request: ` +
          `${ok}/${PROCESSES * CALLS} calls succeeded, ${emulator.tokenGrants} token grants, ` +
          `${apiRequests} API requests (processes ready in ${startMs} ms, calls done in ${runMs} ms)`,
      );
      expect(killedAt).toBeDefined();
      expect(failures).toEqual([]);
      expect(ok).toBe(PROCESSES * CALLS);
      // Each process falls back to a grant of its own, and only one: its calls share it.
      expect(emulator.tokenGrants).toBeGreaterThan(1);
      expect(emulator.tokenGrants).toBeLessThanOrEqual(PROCESSES);
    } finally {
      beforeTokenGrant = async () => {};
      await redis.stop();
    }
  });
});
