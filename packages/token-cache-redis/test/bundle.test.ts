import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { expect, it } from "vitest";

const entry = join(dirname(fileURLToPath(import.meta.url)), "../src/index.ts");

it("imports only the token-cache kit of its peer @auth0-edge/management at run time: no Redis client and no Node built-in", async () => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "neutral",
    format: "esm",
    write: false,
    metafile: true,
    // Anything left unresolved becomes an import of the output, which the test then sees.
    packages: "external",
    logLevel: "silent",
  });

  const imports = Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.map((i) => i.path),
  );
  // The stored-token format, its validation, the TTL and the encryption are the core's kit.
  expect([...new Set(imports)]).toEqual(["@auth0-edge/management/token-cache"]);
  expect(result.outputFiles[0]?.text).not.toMatch(/\bprocess\.|\bBuffer\b|\brequire\(/);
});
