import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildOptions, build } from "esbuild";
import { Miniflare } from "miniflare";
import { describe, expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(packageDir, "test/worker/module-scope.ts");
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
  exports: Record<string, { import: { default: string } }>;
};

/** Bundles the test Worker against the built package, as a user's bundler would see it. */
async function bundle(options: BuildOptions): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    logLevel: "silent",
    plugins: [
      {
        // The package's own name, resolved through its package.json exports to dist/.
        name: "this-package",
        setup(b) {
          b.onResolve({ filter: /^@auth0-edge\/testing(\/.*)?$/ }, (args) => {
            const subpath = `.${args.path.slice("@auth0-edge/testing".length)}`;
            return { path: join(packageDir, manifest.exports[subpath]!.import.default) };
          });
        },
      },
    ],
    ...options,
  });
  return result.outputFiles![0]!.text;
}

describe("the main entry in workerd", () => {
  it("bundles for a neutral platform with no conditions and no main fields", async () => {
    const code = await bundle({});
    expect(code).not.toMatch(/from\s*["']msw/);
    expect(code.length).toBeGreaterThan(1000);
  });

  it("runs in workerd without compatibility flags, with the emulator created at module scope", async () => {
    const script = await bundle({
      conditions: ["workerd", "worker", "browser", "import"],
      mainFields: ["module", "main"],
    });
    const mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: "2026-04-01",
      compatibilityFlags: [],
    });
    try {
      const response = await mf.dispatchFetch("http://worker/");
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        grantStatus: 200,
        userStatus: 200,
        user: { user_id: "auth0|ada", email: "ada@example.com" },
        grants: 1,
      });
    } finally {
      await mf.dispose();
    }
  });
});
