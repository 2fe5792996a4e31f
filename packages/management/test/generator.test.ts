import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ENTRIES_FILE,
  exportsMap,
  exportTarget,
  GENERATED_DIR,
  generate,
  jsrExports,
} from "../scripts/lib/generate.js";
import { replaceJsonField } from "../scripts/lib/json-field.js";
import { functionName, moduleName, nameOperations, singular } from "../scripts/lib/naming.js";
import { entryPoints } from "../tsup.config.js";
import { oasPath, packageDir, repoRoot } from "./support/oas.js";

const manifest = () =>
  JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
    exports: Record<string, unknown>;
    sideEffects: unknown;
  };
const committedEntries = () =>
  JSON.parse(readFileSync(join(packageDir, ENTRIES_FILE), "utf8")) as Record<string, string>;

describe("the generated code", () => {
  it("is exactly what the generator makes from the document (run `pnpm generate` when this fails)", {
    timeout: 180_000,
  }, async () => {
    const generated = await generate({ oasPath, packageDir, repoRoot });
    expect(generated.operations).toHaveLength(452);
    const onDisk = readdirSync(join(packageDir, GENERATED_DIR), {
      recursive: true,
      withFileTypes: true,
    })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(packageDir, join(entry.parentPath, entry.name)).replace(/\\/g, "/"));
    expect(onDisk.sort()).toEqual([...generated.files.keys()].sort());
    for (const [file, text] of generated.files) {
      expect(readFileSync(join(packageDir, file), "utf8") === text, `${file} is stale`).toBe(true);
    }
    const current = manifest().exports;
    expect(exportsMap(current, generated.entries, [])).toEqual(current);
    const jsr = JSON.parse(readFileSync(join(packageDir, "jsr.json"), "utf8")).exports;
    expect(jsrExports(jsr, generated.entries, [])).toEqual(jsr);
  });
});

describe("the doc comments", () => {
  it("name the scopes a token needs, from the document's security requirements", () => {
    const users = readFileSync(join(packageDir, GENERATED_DIR, "users.ts"), "utf8");
    const getUser = users.slice(
      users.indexOf("`GET /users/{id}`"),
      users.indexOf("export function getUser("),
    );
    expect(getUser).toContain(
      "Scopes: any one of `read:users`, `read:current_user`, `read:user_idp_tokens`.",
    );
    const createUser = users.slice(
      users.indexOf("`POST /users`"),
      users.indexOf("export function createUser("),
    );
    expect(createUser).toContain("Scope: `create:users`.");
  });
});

describe("the manifests' exports", () => {
  it("are the only field the generator writes: every other byte of package.json stays as written", () => {
    const text = `{
  "name": "x",   "files": ["dist",
    "README.md"],
  "exports": {
    ".": "./dist/index.js",
    "./old": "./dist/old.js"
  },
  "scripts": { "a": "b" }
}
`;
    const written = replaceJsonField(text, "exports", {
      ".": "./dist/index.js",
      "./users": "./dist/users.js",
    });
    expect(written).toBe(`{
  "name": "x",   "files": ["dist",
    "README.md"],
  "exports": {
    ".": "./dist/index.js",
    "./users": "./dist/users.js"
  },
  "scripts": { "a": "b" }
}
`);
    const manifestText = readFileSync(join(packageDir, "package.json"), "utf8");
    expect(replaceJsonField(manifestText, "exports", JSON.parse(manifestText).exports)).toBe(
      manifestText,
    );
  });
});

describe("the subpath exports", () => {
  it("give every generated entry import/require × types/default, and nothing stale", () => {
    const entries = committedEntries();
    const { exports, sideEffects } = manifest();
    expect(sideEffects).toBe(false);
    for (const entry of Object.keys(entries))
      expect(exports[`./${entry}`]).toEqual(exportTarget(entry));
    expect(exportsMap(exports, entries, Object.keys(entries))).toEqual(exports);
    // 46 resource groups, the operations table and the shared schemas.
    expect(Object.keys(entries)).toHaveLength(48);
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining([
        "users",
        "clients",
        "roles",
        "organizations",
        "logs",
        "jobs",
        "operations",
        "schemas",
      ]),
    );
  });

  it("are exactly the entries tsup builds, besides the hand-written ones", () => {
    const exported = Object.keys(manifest().exports)
      .filter((key) => key !== "./package.json")
      .map((key) => (key === "." ? "index" : key.slice(2)));
    expect(Object.keys(entryPoints).sort()).toEqual(exported.sort());
    for (const [entry, source] of Object.entries(committedEntries()))
      expect(entryPoints[entry]).toBe(source);
  });

  it("let the jobs subpath add waitForJob to the generated jobs operations", () => {
    expect(committedEntries().jobs).toBe("./src/entries/jobs.ts");
  });
});

const op = (group: string | string[], operationName: string, path: string) => ({
  group: Array.isArray(group) ? group : [group],
  operationName,
  path,
});

describe("the naming rule", () => {
  it("names the everyday operations naturally", () => {
    expect(functionName(op("users", "list", "/users"))).toBe("listUsers");
    expect(functionName(op("users", "get", "/users/{id}"))).toBe("getUser");
    expect(functionName(op("users", "create", "/users"))).toBe("createUser");
    expect(functionName(op("users", "update", "/users/{id}"))).toBe("updateUser");
    expect(functionName(op("users", "delete", "/users/{id}"))).toBe("deleteUser");
    expect(functionName(op(["users", "roles"], "list", "/users/{id}/roles"))).toBe("listUserRoles");
    expect(functionName(op("logs", "get", "/logs/{id}"))).toBe("getLog");
    expect(functionName(op("logs", "list", "/logs"))).toBe("listLogs");
  });

  it("keeps the last group plural when the operation acts on the whole collection", () => {
    expect(functionName(op(["users", "roles"], "delete", "/users/{id}/roles"))).toBe(
      "deleteUserRoles",
    );
    expect(functionName(op(["tenants", "settings"], "get", "/tenants/settings"))).toBe(
      "getTenantSettings",
    );
    expect(functionName(op(["users", "permissions"], "create", "/users/{id}/permissions"))).toBe(
      "createUserPermission",
    );
    expect(functionName(op("actions", "deploy", "/actions/actions/{id}/deploy"))).toBe(
      "deployAction",
    );
  });

  it("appends the rest of x-operation-name, without saying the last group twice", () => {
    expect(functionName(op("users", "listUsersByEmail", "/users-by-email"))).toBe(
      "listUsersByEmail",
    );
    expect(functionName(op("clients", "rotateSecret", "/clients/{id}/rotate-secret"))).toBe(
      "rotateClientSecret",
    );
    expect(functionName(op(["jobs", "usersImports"], "create", "/jobs/users-imports"))).toBe(
      "createJobUsersImport",
    );
    expect(functionName(op("stats", "getDaily", "/stats/daily"))).toBe("getStatsDaily");
  });

  it("makes singulars of the last word of a group", () => {
    expect(singular("policies")).toBe("policy");
    expect(singular("effectiveRoles")).toBe("effectiveRole");
    expect(singular("sms")).toBe("sms");
    expect(singular("branding")).toBe("branding");
    expect(moduleName("attackProtection")).toBe("attack-protection");
  });

  it("fails the generator on a collision instead of picking a name", () => {
    const twin = (id: string, path: string) => ({
      ...op("users", "get", path),
      id,
      method: "GET" as const,
      lifecycle: null,
      summary: "",
      description: "",
      parameters: [],
      body: null,
      pagination: null,
      scopes: [],
    });
    expect(() => nameOperations([twin("a", "/users/{id}"), twin("b", "/users/{user_id}")])).toThrow(
      /naming collision: b .* and a .* are both "getUser"/,
    );
  });
});
