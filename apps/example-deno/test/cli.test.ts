import { createAuth0Emulator } from "@auth0-edge/testing/core";
import { runCli } from "../src/cli.ts";
import { assert } from "./assert.ts";

const DOMAIN = "deno-admin.example.auth0.com";
const CLIENT_ID = "deno-admin-cli";
/** No line the program prints may ever contain it. */
const CLIENT_SECRET = "s3cr3t-example-deno-DO-NOT-LEAK";

function tenant() {
  return createAuth0Emulator({
    domain: DOMAIN,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    seed: {
      users: ["ada", "grace", "linus"].map((name) => ({ email: `${name}@example.com` })),
      roles: [{ name: "admin" }, { name: "support" }],
      logs: 6,
    },
  });
}
type Emulator = ReturnType<typeof tenant>;

const printed: string[] = [];

/** Runs one command line against `emulator`, as `deno run src/main.ts …` would. */
async function run(emulator: Emulator, args: string[], env: Record<string, string> = {}) {
  const variables: Record<string, string> = {
    AUTH0_DOMAIN: DOMAIN,
    AUTH0_CLIENT_ID: CLIENT_ID,
    AUTH0_CLIENT_SECRET: CLIENT_SECRET,
    ...env,
  };
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    env: (name) => variables[name] || undefined,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    fetch: emulator.fetch,
  });
  printed.push(...out, ...err);
  return { code, out, err };
}

const apiCalls = (emulator: Emulator) => emulator.requests.filter((r) => r.kind === "api");
const userId = (emulator: Emulator, email: string) =>
  [...emulator.state.users.values()].find((u) => u.email === email)!.user_id;
const roleId = (emulator: Emulator, name: string) =>
  [...emulator.state.roles.values()].find((r) => r.name === name)!.id;

Deno.test("users:by-email finds the user through /users-by-email with one token grant", async () => {
  const emulator = tenant();
  const { code, out } = await run(emulator, ["users:by-email", "grace@example.com"]);
  assert.deepEqual(code, 0, "exit code");
  assert.deepEqual(out.length, 1, "lines");
  assert.ok(
    out[0]!.startsWith(`${userId(emulator, "grace@example.com")}  grace@example.com`),
    out[0]!,
  );
  assert.deepEqual(
    apiCalls(emulator).map((r) => [r.path, r.query]),
    [["/api/v2/users-by-email", { email: "grace@example.com" }]],
    "requests",
  );
  assert.deepEqual(emulator.tokenGrants, 1, "token grants");
});

Deno.test("users:by-email --json prints the users as JSON", async () => {
  const { code, out } = await run(tenant(), ["users:by-email", "--json", "ada@example.com"]);
  assert.deepEqual(code, 0, "exit code");
  const users = JSON.parse(out.join("\n")) as { email: string }[];
  assert.deepEqual(
    users.map((u) => u.email),
    ["ada@example.com"],
    "emails",
  );
});

Deno.test("users:by-email says so when nobody has the address", async () => {
  const { code, out } = await run(tenant(), ["users:by-email", "nobody@example.com"]);
  assert.deepEqual([code, out], [0, ["no user with the email nobody@example.com"]], "result");
});

Deno.test("users:page lists a page with the total, and refuses bad bounds with exit code 2", async () => {
  const emulator = tenant();
  const { code, out } = await run(emulator, ["users:page", "--page", "1", "--per-page=2"]);
  assert.deepEqual(code, 0, "exit code");
  assert.deepEqual(out.at(-1), "users 3–3 of 3 (page 1)", "summary line");
  assert.deepEqual(
    apiCalls(emulator).map((r) => r.query),
    [{ page: "1", per_page: "2", include_totals: "true" }],
    "query",
  );
  for (const args of [
    ["--per-page", "0"],
    ["--per-page", "101"],
    ["--page", "x"],
    ["--page"],
    ["--page", "10", "--per-page", "100"],
  ]) {
    const refused = await run(emulator, ["users:page", ...args]);
    assert.deepEqual(refused.code, 2, `exit code for ${args.join(" ")}`);
  }
  assert.deepEqual(apiCalls(emulator).length, 1, "no request for refused command lines");
});

Deno.test("roles:assign gives the roles, percent-encoding the user id", async () => {
  const emulator = tenant();
  const ada = userId(emulator, "ada@example.com");
  const roles = [roleId(emulator, "admin"), roleId(emulator, "support")];
  const { code, out } = await run(emulator, ["roles:assign", ada, ...roles]);
  assert.deepEqual([code, out], [0, [`assigned ${roles.join(", ")} to ${ada}`]], "result");
  for (const role of roles) {
    assert.ok(emulator.state.roleMembers.get(role)?.has(ada), `${role} assigned`);
  }
  assert.ok(apiCalls(emulator)[0]!.url.includes(encodeURIComponent(ada)), "encoded id");
});

Deno.test("roles:assign reports Auth0's 404 for an unknown user with exit code 1", async () => {
  const emulator = tenant();
  const { code, err } = await run(emulator, [
    "roles:assign",
    "auth0|000000000000000000000000",
    roleId(emulator, "admin"),
  ]);
  assert.deepEqual(code, 1, "exit code");
  assert.deepEqual(
    err,
    ["error: Auth0 answered 404 inexistent_user: The user does not exist."],
    "error",
  );
});

Deno.test("roles:assign refuses a missing role or a malformed role id without calling Auth0", async () => {
  const emulator = tenant();
  for (const args of [["auth0|1"], [], ["auth0|1", "../admin"]]) {
    assert.deepEqual((await run(emulator, ["roles:assign", ...args])).code, 2, args.join(" "));
  }
  assert.deepEqual(emulator.requests.length, 0, "requests");
});

Deno.test("logs:recent prints the latest events oldest first, then only newer ones --from the checkpoint", async () => {
  const emulator = tenant();
  const recent = await run(emulator, ["logs:recent", "--take", "2", "--json"]);
  // Read after the run: the token grant itself is logged (`seccft`).
  const ids = emulator.state.logs.map((l) => l.log_id).sort();
  const first = JSON.parse(recent.out.join("\n")) as { logs: { log_id: string }[]; next: string };
  assert.deepEqual(
    first.logs.map((l) => l.log_id),
    ids.slice(-2),
    "latest two, oldest first",
  );
  assert.deepEqual(first.next, ids.at(-1), "checkpoint");
  await run(emulator, [
    "roles:assign",
    userId(emulator, "ada@example.com"),
    roleId(emulator, "admin"),
  ]);
  const newer = await run(emulator, ["logs:recent", "--from", first.next]);
  assert.deepEqual(newer.code, 0, "exit code");
  assert.ok(newer.out.length >= 2, "events and the checkpoint line");
  assert.ok(newer.out.at(-1)!.startsWith("next: --from 900"), newer.out.at(-1)!);
  assert.ok(
    newer.out.slice(0, -1).some((line) => line.includes("sapi")),
    "the role assignment's event",
  );
});

Deno.test("a rate limit is reported with the wait Auth0 asked for", async () => {
  const emulator = tenant();
  emulator.failNext({ status: 429, headers: { "retry-after": "120" } });
  const { code, err } = await run(emulator, ["users:page"]);
  assert.deepEqual([code, err], [1, ["error: Auth0 rate limit reached; retry in 120 s"]], "result");
});

Deno.test("a refused token grant is reported without the secret", async () => {
  const { code, err } = await run(tenant(), ["users:page"], {
    AUTH0_CLIENT_SECRET: "wrong-secret",
  });
  assert.deepEqual(code, 1, "exit code");
  assert.ok(err[0]!.startsWith("error: no Management API token:"), err[0]!);
  assert.ok(!err.join("\n").includes("wrong-secret"), "no secret");
});

Deno.test("missing settings and unknown commands exit with 2 and say what is wrong", async () => {
  const emulator = tenant();
  const missing = await run(emulator, ["users:page"], {
    AUTH0_CLIENT_SECRET: "",
    AUTH0_DOMAIN: "",
  });
  assert.deepEqual(
    [missing.code, missing.err],
    [2, ["set AUTH0_DOMAIN, AUTH0_CLIENT_SECRET in the environment"]],
    "missing",
  );
  const badDomain = await run(emulator, ["users:page"], { AUTH0_DOMAIN: "https://x.example/" });
  assert.deepEqual(badDomain.code, 2, "domain with a scheme");
  const unknown = await run(emulator, ["users:delete"]);
  assert.deepEqual([unknown.code, unknown.err[0]], [2, "unknown command: users:delete"], "unknown");
  assert.deepEqual((await run(emulator, [])).code, 2, "no command");
  assert.deepEqual(emulator.requests.length, 0, "requests");
});

Deno.test("users:export prints every user as a JSON line and a progress bar that reaches 100%", async () => {
  const emulator = tenant();
  const progress: string[] = [];
  const out: string[] = [];
  const code = await runCli(["users:export"], {
    env: (name) =>
      ({ AUTH0_DOMAIN: DOMAIN, AUTH0_CLIENT_ID: CLIENT_ID, AUTH0_CLIENT_SECRET: CLIENT_SECRET })[
        name
      ],
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    progress: (line) => progress.push(line),
    fetch: emulator.fetch,
  });
  printed.push(...out, ...progress);
  assert.deepEqual(code, 0, "exit code");
  const emails = out
    .slice(0, -1)
    .map((line) => JSON.parse(line).email)
    .sort();
  assert.deepEqual(emails, ["ada@example.com", "grace@example.com", "linus@example.com"], "users");
  assert.deepEqual(out.at(-1), "exported 3 users", "summary");
  assert.deepEqual(
    progress[0],
    "[############------------]  50%  processing  about 1 s left",
    "bar",
  );
  assert.deepEqual(progress.at(-1), "[########################] 100%  3 users read", "last bar");
});

Deno.test("nothing the program printed in these tests holds the client secret or a token", () => {
  assert.ok(printed.length > 20, "the tests above printed");
  const text = printed.join("\n");
  assert.ok(!text.includes(CLIENT_SECRET), "secret printed");
  assert.ok(!text.includes("eyJ"), "token printed");
});
