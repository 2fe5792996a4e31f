import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packageDir, repoRoot } from "./support/oas.js";

const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, unknown>;
};
const subpaths = Object.keys(manifest.exports)
  .filter((key) => key !== "./package.json")
  .map((key) => manifest.name + key.slice(1));

/** A consumer that imports every subpath and uses a few of the generated types. */
const consumer = `${subpaths.map((s, i) => `import * as m${i} from "${s}";`).join("\n")}
import { createManagementClient } from "${manifest.name}";
import { getUser, listUserRoles } from "${manifest.name}/users";
import { type AnyOperationEntry, type Input, operations, type Output } from "${manifest.name}/operations";

export const modules = [${subpaths.map((_, i) => `m${i}`).join(", ")}];
export async function use(): Promise<void> {
  const client = createManagementClient({ domain: "tenant.example.auth0.com", token: "t" });
  const user: Output<"get_users_by_id"> = await getUser(client, { id: "auth0|1" });
  const email: string | undefined = user.email;
  for await (const role of listUserRoles.all(client, { id: "auth0|1" })) {
    const name: string | undefined = role.name;
    void name;
  }
  const input: Input<"get_users"> = { q: "email:*", per_page: 10 };
  const table: Record<string, AnyOperationEntry> = operations;
  await table.get_users?.call(client, input);
  // @ts-expect-error \`id\` is required
  await getUser(client, {});
  void email;
}
`;

const work = mkdtempSync(join(tmpdir(), "auth0-edge-dts-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the emitted declarations", () => {
  it("type-check in a strict consumer, from ESM and from CommonJS, with skipLibCheck off", {
    timeout: 180_000,
  }, () => {
    // The consumer finds the package as a user's project would: node_modules, then `exports`.
    mkdirSync(join(work, "node_modules/@auth0-edge"), { recursive: true });
    symlinkSync(packageDir, join(work, "node_modules", manifest.name), "dir");
    writeFileSync(join(work, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    writeFileSync(join(work, "consumer.mts"), consumer);
    writeFileSync(join(work, "consumer.cts"), consumer);
    writeFileSync(
      join(work, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "node16",
          moduleResolution: "node16",
          target: "es2022",
          lib: ["es2022", "dom", "dom.iterable"],
          types: [],
          strict: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ["consumer.mts", "consumer.cts"],
      }),
    );
    const tsc = createRequire(join(repoRoot, "package.json")).resolve("typescript/bin/tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", work], { encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
