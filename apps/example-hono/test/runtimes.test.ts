import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settings } from "./serve/tenant.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const bin = (name: string) => join(here, "..", "node_modules", ".bin", name);
const out = mkdtempSync(join(tmpdir(), "example-hono-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The test server of one runtime, bundled as that runtime's users would bundle the app. */
async function bundle(runtime: string, platform: "node" | "neutral"): Promise<string> {
  const outfile = join(out, `${runtime}.mjs`);
  await build({
    entryPoints: [join(here, "serve", `${runtime}.ts`)],
    outfile,
    bundle: true,
    format: "esm",
    platform,
    target: "es2022",
    mainFields: ["module", "main"],
    conditions: runtime === "worker" ? ["workerd", "worker", "browser", "import"] : ["import"],
    logLevel: "silent",
  });
  return outfile;
}

interface Target {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** Runs a bundled server in a child process and waits for the port it printed. */
async function spawned(command: string, args: string[]): Promise<Target> {
  const child: ChildProcess = spawn(command, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /@@listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${command} exited (${code}):\n${output}`)));
  });
  return {
    fetch: (path, init) => fetch(`http://127.0.0.1:${port}${path}`, init),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      expect(output).not.toContain(settings.AUTH0_CLIENT_SECRET);
    },
  };
}

const runtimes: Record<string, () => Promise<Target>> = {
  node: async () => spawned(process.execPath, [await bundle("node", "node")]),
  deno: async () =>
    spawned(bin("deno"), [
      "run",
      "--quiet",
      "--no-prompt",
      "--no-config",
      "-A",
      await bundle("deno", "neutral"),
    ]),
  bun: async () => spawned(bin("bun"), [await bundle("bun", "neutral")]),
  workerd: async () => {
    const scriptPath = await bundle("worker", "neutral");
    const mf = new Miniflare({
      modules: true,
      script: readFileSync(scriptPath, "utf8"),
      compatibilityDate: "2026-04-24",
    });
    return {
      fetch: async (path, init) => {
        const answer = await mf.dispatchFetch(`http://hono.local${path}`, init as never);
        return new Response(await answer.arrayBuffer(), {
          status: answer.status,
          headers: Object.fromEntries(answer.headers),
        });
      },
      stop: () => mf.dispose(),
    };
  },
};

const admin = { authorization: `Bearer ${settings.ADMIN_API_TOKEN}` };

describe.each(Object.keys(runtimes))("the Hono admin API on %s", (runtime) => {
  let target: Target;
  beforeAll(async () => {
    target = await runtimes[runtime]!();
  }, 60_000);
  afterAll(() => target?.stop());

  const get = async (path: string) => {
    const response = await target.fetch(path, { headers: admin });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("finds a user by email", async () => {
    const { status, body } = await get("/users?email=ada@example.com");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      email: "ada@example.com",
      users: [{ email: "ada@example.com", name: "ada" }],
    });
  });

  it("pages through the users with their total", async () => {
    const { status, body } = await get("/users?page=0&per_page=2");
    expect(status).toBe(200);
    expect(body).toMatchObject({ page: 0, per_page: 2, total: 3 });
    expect(body.users).toHaveLength(2);
  });

  it("assigns a role, and answers 404 for a user that does not exist", async () => {
    const state = (await get("/__test/state")).body as { roleIds: string[]; userIds: string[] };
    const post = (id: string) =>
      target.fetch(`/users/${encodeURIComponent(id)}/roles`, {
        method: "POST",
        headers: { ...admin, "content-type": "application/json" },
        body: JSON.stringify({ roles: state.roleIds }),
      });
    const assigned = await post(state.userIds[0]!);
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toEqual({ user_id: state.userIds[0], assigned: state.roleIds });
    const missing = await post("auth0|000000000000000000000000");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      error: "auth0_refused",
      errorCode: "inexistent_user",
    });
  });

  it("tails the log with checkpoints", async () => {
    const first = await get("/logs?take=2");
    expect(first.status).toBe(200);
    expect(first.body.logs).toHaveLength(2);
    const next = await get(`/logs?take=100&from=${first.body.next}`);
    expect(next.status).toBe(200);
    expect((next.body.logs as unknown[]).length).toBeGreaterThan(0);
  });

  it("refuses callers without the admin token, and bad input before calling Auth0", async () => {
    expect((await target.fetch("/users?email=ada@example.com")).status).toBe(401);
    const before = ((await get("/__test/state")).body as { tokenGrants: number }).tokenGrants;
    const bad = await get("/users?per_page=500");
    expect(bad).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    expect(((await get("/__test/state")).body as { tokenGrants: number }).tokenGrants).toBe(before);
  });

  it("made one token grant for all of these calls: one client per isolate", async () => {
    expect((await get("/__test/state")).body).toMatchObject({ tokenGrants: 1 });
  });
});
