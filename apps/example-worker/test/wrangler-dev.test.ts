import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wranglerBin, wranglerEnv } from "../scripts/worker-runtime.mjs";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const ADMIN_API_TOKEN = "dev-admin-token-for-the-wrangler-dev-test";
const admin = { authorization: `Bearer ${ADMIN_API_TOKEN}` };

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

/** Every file under `dir`, as paths relative to it. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));

// One Durable Object's own storage, as wrangler dev keeps it: `do/<script>-<class>/<id>.sqlite`.
const COORDINATOR_OBJECT = /^v3\/do\/auth0-edge-admin-Auth0TokenCoordinator\/[0-9a-f]{64}\.sqlite$/;

// The emulator environment picks the Durable Object cache; `--var` overrides it with KV.
describe.each(["durable-object", "kv"] as const)(
  "the Worker under `wrangler dev --env emulator`, TOKEN_CACHE_KIND %s",
  (kind) => {
    let wrangler: ChildProcess | undefined;
    let base = "";
    let output = "";
    const persist = mkdtempSync(join(tmpdir(), "example-worker-dev-"));

    // `wrangler dev` itself, in local mode: the admin Worker and the emulator Worker of
    // emulator/wrangler.toml in one workerd, joined by the AUTH0_EMULATOR service binding.
    beforeAll(async () => {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      wrangler = spawn(
        process.execPath,
        [
          wranglerBin(),
          "dev",
          ...["-c", "wrangler.toml", "-c", "emulator/wrangler.toml", "--env", "emulator"],
          ...["--ip", "127.0.0.1", "--port", String(port), "--inspector-port", "0"],
          ...["--persist-to", persist, "--var", `ADMIN_API_TOKEN:${ADMIN_API_TOKEN}`],
          ...(kind === "kv" ? ["--var", "TOKEN_CACHE_KIND:kv"] : []),
        ],
        { cwd: appDir, env: wranglerEnv, stdio: ["ignore", "pipe", "pipe"] },
      );
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk;
          if (output.includes(`Ready on ${base}`)) resolve();
        };
        wrangler!.stdout!.on("data", onData);
        wrangler!.stderr!.on("data", onData);
        wrangler!.once("exit", (code) =>
          reject(new Error(`wrangler dev exited (${code}):\n${output}`)),
        );
      });
    }, 90_000);

    afterAll(async () => {
      if (wrangler && wrangler.exitCode === null) {
        const exited = new Promise((resolve) => wrangler!.once("exit", resolve));
        wrangler.kill("SIGTERM");
        await exited;
      }
      rmSync(persist, { recursive: true, force: true });
    });

    it("answers the admin routes with the emulator's tenant, through the service binding", async () => {
      const response = await fetch(`${base}/users?email=ada@example.com`, { headers: admin });
      const body = await response.text();
      expect(response.status, body).toBe(200);
      expect(JSON.parse(body)).toMatchObject({
        email: "ada@example.com",
        users: [{ email: "ada@example.com", name: "Ada" }],
      });
      const logs = await fetch(`${base}/logs?take=2`, { headers: admin });
      expect(logs.status).toBe(200);
      expect(((await logs.json()) as { logs: unknown[] }).logs).toHaveLength(2);
    });

    it(`keeps the token in the ${kind === "kv" ? "KV namespace" : "coordinator object"}`, () => {
      const objects = filesUnder(persist).filter((file) => COORDINATOR_OBJECT.test(file));
      expect(objects, filesUnder(persist).join("\n")).toHaveLength(kind === "kv" ? 0 : 1);
      if (kind === "kv") {
        // KV keeps each value in a blob file of the namespace.
        const blobs = filesUnder(persist).filter((file) =>
          file.startsWith("v3/kv/local-token-cache/blobs/"),
        );
        expect(blobs, filesUnder(persist).join("\n")).toHaveLength(1);
      }
    });

    it("still refuses a caller without the admin token", async () => {
      const response = await fetch(`${base}/users?email=ada@example.com`);
      expect(response.status).toBe(401);
    });

    it("never prints the client secret or a token", () => {
      expect(output).not.toContain("emulator-only-secret-not-a-real-credential");
      expect(output).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    });
  },
);
