// What importing each client costs a Node process: the wall time of a fresh `node`
// that imports it and builds a client (no call), against one that imports an empty
// module, in interleaved rounds.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const PROGRAMS = {
  empty: "",
  raw: `import { rawClient } from ${JSON.stringify(join(here, "raw.mjs"))};
rawClient({ domain: "t.eu.auth0.com", clientId: "a", clientSecret: "b" });`,
  ours: `import { createManagementClient } from "@auth0-edge/management";
import { getUser } from "@auth0-edge/management/users";
createManagementClient({ domain: "t.eu.auth0.com", clientId: "a", clientSecret: "b" }); void getUser;`,
  official: `import { ManagementClient } from "auth0";
new ManagementClient({ domain: "t.eu.auth0.com", clientId: "a", clientSecret: "b" });`,
};

export function measureImports(impls, rounds) {
  // In the bench package, so that its node_modules resolve the packages.
  const dir = mkdtempSync(join(here, "..", ".import-"));
  const files = {};
  for (const name of ["empty", ...impls]) {
    files[name] = join(dir, `${name}.mjs`);
    writeFileSync(files[name], PROGRAMS[name]);
  }
  const names = Object.keys(files);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      const t0 = performance.now();
      execFileSync(process.execPath, [files[name]], { stdio: "ignore" });
      samples[name].push(performance.now() - t0);
    }
  }
  return { samples, dir };
}
