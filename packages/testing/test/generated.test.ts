import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GENERATED_DIR, generate } from "../scripts/lib/generate";
import { apiRoutes } from "../src/handlers";
import { base, setup } from "./support/emulator";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = join(packageDir, "../..");
const oasPath = join(repoRoot, "spec/management-api-oas.json");
const generatedDir = join(packageDir, GENERATED_DIR);

type Operation = { operationId: string; security?: Record<string, string[]>[] };

/** The document read here on its own, not through the generator, so the two can disagree. */
const raw = readFileSync(oasPath);
const document = JSON.parse(raw.toString("utf8")) as {
  paths: Record<string, Record<string, Operation>>;
};
const byId = new Map<string, { method: string; path: string; operation: Operation }>();
for (const [path, item] of Object.entries(document.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (typeof operation === "object" && "operationId" in operation) {
      byId.set(operation.operationId, { method: method.toUpperCase(), path, operation });
    }
  }
}
const documentScopes = (operation: Operation) => [
  ...new Set(
    (operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat()),
  ),
];
const documentPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");
const described = apiRoutes.filter((route) => route.operationId !== undefined);

describe("the emulator's routes come from the Management API document", () => {
  it("answers each operation at the document's method and path", () => {
    expect(described.length).toBeGreaterThanOrEqual(66);
    for (const route of described) {
      const found = byId.get(route.operationId!);
      expect(found, route.operationId).toBeDefined();
      expect(`${route.method} ${documentPath(route.path)}`, route.operationId).toBe(
        `${found!.method} ${found!.path}`,
      );
    }
  });

  it("requires exactly the document's security scopes of each operation, in its order", () => {
    for (const route of described) {
      const { operation } = byId.get(route.operationId!)!;
      expect([...route.scopes], route.operationId).toEqual(documentScopes(operation));
    }
  });

  it("describes by hand only the routes the document does not have", () => {
    const inDocument = new Set([...byId.values()].map(({ method, path }) => `${method} ${path}`));
    const undescribed = apiRoutes.filter((route) => route.operationId === undefined);
    expect(undescribed.map((route) => `${route.method} ${route.path}`)).toEqual([
      "GET /blacklists/tokens",
      "POST /blacklists/tokens",
    ]);
    for (const route of undescribed) {
      expect(inDocument.has(`${route.method} ${documentPath(route.path)}`)).toBe(false);
    }
  });

  it("lets a token through with any one of an operation's scopes, and names the first in a 403", async () => {
    const every = [...new Set(apiRoutes.flatMap((route) => route.scopes))];
    const { token, emulator } = setup({ scopes: every });
    const call = async (route: (typeof apiRoutes)[number], scope: string) => {
      const path = route.path.replace(/:(\w+)/g, "x");
      const response = await emulator.fetch(`${base}/api/v2${path}`, {
        method: route.method,
        headers: { authorization: `Bearer ${await token({ scope })}` },
      });
      // A live event stream never ends: its status is the answer, and the stream is let go.
      if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
        await response.body?.cancel();
        return { status: response.status, body: {} };
      }
      return { status: response.status, body: (await response.json().catch(() => ({}))) as object };
    };
    for (const route of described) {
      for (const scope of route.scopes) {
        const { status } = await call(route, scope);
        expect(status, `${route.operationId} with ${scope}`).not.toBe(403);
      }
      const other = every.find((scope) => !route.scopes.includes(scope))!;
      expect(await call(route, other), `${route.operationId} with ${other}`).toEqual({
        status: 403,
        body: expect.objectContaining({
          message: `Insufficient scope, expected any of: ${route.scopes[0]}`,
        }),
      });
    }
  });
});

describe("bodies are checked against the document's schemas", () => {
  it("refuses an empty update where the document asks for one property at least", async () => {
    const { api } = setup();
    const [client] = (await (await api("GET", "/clients")).json()) as { client_id: string }[];
    const empty = await api("PATCH", `/clients/${client!.client_id}`, {});
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { message: string }).message).toBe(
      "Payload validation error: 'Too few properties defined (0), minimum 1'.",
    );
  });

  it("refuses tenant settings the document does not list, and keeps the settings", async () => {
    const { api } = setup();
    const before = await (await api("GET", "/tenants/settings")).json();
    const refused = await api("PATCH", "/tenants/settings", { friendly_name: "x", colour: "red" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toBe(
      "Payload validation error: 'Additional properties not allowed: colour'.",
    );
    expect(await (await api("GET", "/tenants/settings")).json()).toEqual(before);
  });

  it("accepts null where the document allows it, and refuses it elsewhere", async () => {
    const { api } = setup();
    const [grant] = (await (await api("GET", "/client-grants")).json()) as { id: string }[];
    const cleared = await api("PATCH", `/client-grants/${grant!.id}`, {
      organization_usage: null,
    });
    expect(cleared.status).toBe(200);
    const refused = await api("PATCH", `/client-grants/${grant!.id}`, {
      authorization_details_types: null,
    });
    expect(((await refused.json()) as { message: string }).message).toBe(
      "Payload validation error: 'Expected type array but found type null' on property authorization_details_types.",
    );
    const rules = await api("POST", "/rules", { name: "r", script: null });
    expect(((await rules.json()) as { message: string }).message).toBe(
      "Payload validation error: 'Expected type string but found type null' on property script.",
    );
  });
});

describe("src/generated", () => {
  const sha256 = createHash("sha256").update(raw).digest("hex");

  it("is what scripts/generate.ts makes from the vendored document (run `pnpm generate` when this fails)", () => {
    const files = generate({ oasPath, packageDir, repoRoot });
    const onDisk = readdirSync(generatedDir).map((name) => `${GENERATED_DIR}/${name}`);
    expect(onDisk.sort()).toEqual([...files.keys()].sort());
    for (const [file, text] of files) {
      expect(readFileSync(join(packageDir, file), "utf8"), file).toBe(text);
    }
  });

  it("marks every generated source with the sha256 of the document it came from", () => {
    const sources = readdirSync(generatedDir).filter((name) => name.endsWith(".ts"));
    expect(sources.length).toBeGreaterThanOrEqual(2);
    for (const name of sources) {
      const first = readFileSync(join(generatedDir, name), "utf8").split("\n")[0];
      expect(first, name).toBe(
        `/* Generated by scripts/generate.ts from the Management API document (sha256 ${sha256}): do not edit. */`,
      );
    }
  });

  it("has a README that says what each file is generated from", () => {
    const readme = readFileSync(join(generatedDir, "README.md"), "utf8");
    expect(readme).toContain("spec/management-api-oas.json");
    expect(readme).toContain(sha256);
    for (const name of readdirSync(generatedDir).filter((file) => file !== "README.md")) {
      expect(readme, name).toContain(`\`${name}\``);
    }
  });
});
