import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallCase, callCases, callOn, type ExpectedRequest } from "./classic-calls.js";
import { type Loopback, startLoopback } from "./loopback-server.js";

/**
 * The classic package itself (auth0@2.44.1, a dev dependency of this test only) and the
 * compat client make every call of the data file against one loopback server; their
 * requests must be the same (method, path, query, body), except for the differences
 * listed here, each of which the compat README explains.
 */
const ACCEPTED_DIFFERENCES: Record<string, { reason: string; classic: ExpectedRequest[] }> = {
  "users.deleteAll": {
    reason: "the API no longer has DELETE /users; compat lists the users and deletes each one",
    classic: [{ method: "DELETE", path: "/users", query: {}, body: {} }],
  },
};

// Path values that neither client has to encode: how each encodes is compared on its own below.
const { managerCases, flatCases } = callCases((key) => `${key}_1`);

const classicPackage = createRequire(import.meta.url)("auth0") as {
  ManagementClient: new (options: Record<string, unknown>) => object;
};

let server: Loopback;
let classic: object;
let dir: string;
const tlsCheck = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

beforeAll(async () => {
  // The classic client only speaks HTTPS (`https://{domain}/api/v2`): the loopback server
  // gets a self-signed certificate made for this run.
  dir = mkdtempSync(join(tmpdir(), "compat-differential-"));
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
      .concat(["-addext", "subjectAltName=IP:127.0.0.1"])
      .concat(["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")]),
    { stdio: "ignore" },
  );
  server = await startLoopback({
    key: readFileSync(join(dir, "key.pem"), "utf8"),
    cert: readFileSync(join(dir, "cert.pem"), "utf8"),
  });
  // The classic's HTTP stack takes no CA of ours; only this test process, talking only to
  // its own loopback server, accepts the self-signed certificate.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  classic = new classicPackage.ManagementClient({
    domain: server.tlsDomain,
    token: "loopback-static-token",
    retry: { enabled: false },
  });
});

afterAll(async () => {
  if (tlsCheck === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = tlsCheck;
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const seen = (requests: Loopback["requests"]) =>
  requests.map(({ method, path, query, body }) => ({ method, path, query, body }));

/** Flat methods the compat client has under a name v2.44.1 lacks: the v2.9.x documentation's. */
const CLASSIC_NAMES: Record<string, string> = { createRules: "createRule" };

async function requestsOf(client: object, c: CallCase): Promise<ExpectedRequest[]> {
  server.reset();
  server.answer(c.answer ?? (() => undefined));
  const style =
    c.on[c.on.length - 1] === "deleteAll" || c.on[0] === "deleteAllUsers" ? "callback" : "promise";
  await callOn(client, c.on, c.args(), style);
  return seen(server.requests);
}

describe("compat differential: every row through auth0@2.44.1 and through /compat, on one loopback server", () => {
  it("runs the real classic package", () => {
    const manifest = createRequire(import.meta.url)("auth0/package.json") as { version: string };
    expect(manifest.version).toBe("2.44.1");
  });

  it.each([...managerCases, ...flatCases].map((c) => [c.label, c] as const))(
    "%s",
    async (label, c) => {
      const renamed = CLASSIC_NAMES[c.on[0]];
      const fromClassic = await requestsOf(classic, renamed ? { ...c, on: [renamed] } : c);
      const fromCompat = await requestsOf(server.compat(), c);
      const accepted = ACCEPTED_DIFFERENCES[label.replace(/^\w+ → /, "")];
      if (accepted) {
        expect(fromClassic).toEqual(accepted.classic);
        expect(fromCompat).toEqual(c.expected);
        expect(fromCompat).not.toEqual(fromClassic);
      } else {
        expect(fromCompat).toEqual(fromClassic);
      }
    },
  );

  it("accepted difference: every path value is percent-encoded (the classic encoded only the `id` of get/update/delete)", async () => {
    const withSlash = (label: string): CallCase => ({
      ...managerCases.find((c) => c.label === label)!,
      args: () => [{ id: "a/b" }],
    });
    const get = withSlash("users.get");
    const roles = withSlash("users.getRoles");
    expect((await requestsOf(classic, get))[0]?.path).toBe("/users/a%2Fb");
    expect((await requestsOf(server.compat(), get))[0]?.path).toBe("/users/a%2Fb");
    expect((await requestsOf(classic, roles))[0]?.path).toBe("/users/a/b/roles");
    expect((await requestsOf(server.compat(), roles))[0]?.path).toBe("/users/a%2Fb/roles");
  });

  it("accepted difference: a string role id is used as the id (v2.44.1 dropped it and listed /roles/users)", async () => {
    const users: CallCase = {
      ...managerCases.find((c) => c.label === "roles.getUsers")!,
      args: () => ["rol_1"],
    };
    expect((await requestsOf(classic, users))[0]?.path).toBe("/roles/users");
    expect((await requestsOf(server.compat(), users))[0]?.path).toBe("/roles/rol_1/users");
  });

  it("accepted difference: updatePromptsSettings(data) as the classic documented it (v2.44.1 rejected it)", async () => {
    const data = { universal_login_experience: "new" };
    const documented: CallCase = {
      ...flatCases.find((c) => c.label.startsWith("updatePromptsSettings "))!,
      args: () => [data],
    };
    await expect(requestsOf(classic, documented)).rejects.toThrow(/data must be an object/);
    expect(await requestsOf(server.compat(), documented)).toEqual([
      { method: "PATCH", path: "/prompts", query: {}, body: data },
    ]);
  });
});
