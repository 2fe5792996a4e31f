/** Formats generated sources with the repository's biome (biome.json), so the output matches `pnpm format`. */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join, relative } from "node:path";

/** Biome runs as one process per file; a few at a time keep a 2-core machine responsive. */
const CONCURRENCY = 4;

export function createFormatter(repoRoot: string, packageDir: string) {
  const biome = createRequire(join(repoRoot, "package.json")).resolve("@biomejs/biome/bin/biome");
  let running = 0;
  const waiting: (() => void)[] = [];

  const formatOne = (file: string, text: string) =>
    new Promise<string>((resolve, reject) => {
      // The path only tells biome the language and which options apply; nothing is read from it.
      // biome.json leaves src/generated out of `biome check`, so name a file beside it instead.
      const path = relative(repoRoot, join(packageDir, file.replace(/^src\/generated\//, "src/")));
      const child = spawn(process.execPath, [biome, "format", `--stdin-file-path=${path}`], {
        cwd: repoRoot,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
      child.on("error", reject);
      child.on("close", (code) => {
        if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
        else
          reject(
            new Error(`biome could not format ${file}: ${Buffer.concat(err).toString("utf8")}`),
          );
      });
      child.stdin.end(text);
    });

  return async (file: string, text: string): Promise<string> => {
    if (running >= CONCURRENCY) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await formatOne(file, text);
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
