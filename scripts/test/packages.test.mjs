import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const REPOSITORY = "https://github.com/auth0-edge/auth0-edge";
const rootLicense = readFileSync(join(root, "LICENSE"), "utf8");

/** The published packages: every workspace package that is not private. */
const published = readdirSync(join(root, "packages"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join("packages", entry.name))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")),
  }))
  .filter(({ manifest }) => !manifest.private);

describe("every published package", () => {
  it("is one of the six", () => {
    expect(published.map(({ manifest }) => manifest.name).sort()).toEqual([
      "@auth0-edge/management",
      "@auth0-edge/testing",
      "@auth0-edge/token-cache-durable-object",
      "@auth0-edge/token-cache-kv",
      "@auth0-edge/token-cache-memory",
      "@auth0-edge/token-cache-redis",
    ]);
  });

  it.each(published.map(({ dir, manifest }) => [manifest.name, dir, manifest]))(
    "%s packs its LICENSE (the project's MIT licence) and README",
    (_name, dir) => {
      const packed = JSON.parse(
        execFileSync("pnpm", ["pack", "--dry-run", "--json"], {
          cwd: join(root, dir),
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        }),
      );
      const files = packed.files.map((file) => file.path);
      expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json"]));
      expect(readFileSync(join(root, dir, "LICENSE"), "utf8")).toBe(rootLicense);
    },
  );

  it.each(published.map(({ dir, manifest }) => [manifest.name, dir, manifest]))(
    "%s names its repository folder, homepage, issue tracker, keywords and author",
    (_name, dir, manifest) => {
      expect(manifest).toMatchObject({
        license: "MIT",
        repository: { type: "git", url: `git+${REPOSITORY}.git`, directory: dir },
        homepage: `${REPOSITORY}/tree/main/${dir}#readme`,
        bugs: { url: `${REPOSITORY}/issues` },
        author: "auth0-edge",
      });
      expect(manifest.keywords).toEqual(expect.arrayContaining(["auth0"]));
      expect(manifest.contributors?.length).toBeGreaterThan(0);
    },
  );

  it.each(published.map(({ dir, manifest }) => [manifest.name, dir]))(
    "%s has a README whose links work on the npm page (absolute, to the canonical repository)",
    (_name, dir) => {
      const readme = readFileSync(join(root, dir, "README.md"), "utf8");
      const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
      const relative = targets.filter((target) => !/^(https?:|mailto:|#)/.test(target));
      expect(relative).toEqual([]);
      // Links into this project go to the one canonical repository, at a file or folder of main.
      const ours = targets.filter((target) => target.includes("auth0-edge/auth0-edge"));
      for (const target of ours) {
        expect(target, target).toMatch(new RegExp(`^${REPOSITORY}/(tree|blob)/main/`));
      }
    },
  );
});
