// The consumer matrix: the packed tarballs of the five packages, extracted into a project
// of their own (dependencies linked from the workspace's store, never workspace links),
// type-checked by a user's program in every setup we support, with skipLibCheck off. The
// Durable Object cache is not among them: its coordinator extends the Workers runtime's
// `DurableObject`, whose types (`@cloudflare/workers-types` or `wrangler types`) none of these
// setups has; its own typecheck runs against them, and the example Worker uses it.
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const PACKAGES = [
  "management",
  "testing",
  "token-cache-kv",
  "token-cache-memory",
  "token-cache-redis",
];

/** A package directory of the workspace's store, as the workspace resolves it from `from`. */
function storeDir(name, from) {
  return resolvedFrom(join(root, from), name);
}

/** The package directory `name` resolves to from `dir` (a real path into the store). */
function resolvedFrom(dir, name) {
  return realpathSync(dirname(createRequire(join(dir, "noop.js")).resolve(`${name}/package.json`)));
}

/**
 * Packs every package and lays out two projects as installed ones would be: `node`, typed
 * with the @types/node of our lowest Node (20), and `bun`, with Bun's types and the
 * @types/node they bring (the newest).
 */
export function prepareConsumer() {
  const work = mkdtempSync(join(tmpdir(), "auth0-edge-consumers-"));
  const packs = join(work, "packs");
  mkdirSync(packs);
  for (const pkg of PACKAGES) {
    execFileSync("pnpm", ["pack", "--pack-destination", packs], {
      cwd: join(root, "packages", pkg),
      stdio: "ignore",
    });
  }
  const typesNode20 = storeDir("@types/node", ".");
  const typesNodeLatest = storeDir("types-node-latest", ".");
  const projects = {
    node: { "@types/node": typesNode20, "undici-types": resolvedFrom(typesNode20, "undici-types") },
    bun: {
      "@types/node": typesNodeLatest,
      "undici-types": resolvedFrom(typesNodeLatest, "undici-types"),
      "bun-types": storeDir("bun-types", "."),
    },
  };
  const dirs = {};
  for (const [name, typeLinks] of Object.entries(projects)) {
    const project = join(work, name);
    const modules = join(project, "node_modules");
    mkdirSync(join(modules, "@auth0-edge"), { recursive: true });
    mkdirSync(join(modules, "@types"), { recursive: true });
    for (const tarball of readdirSync(packs)) {
      const pkg = tarball.replace(/^auth0-edge-/, "").replace(/-\d+\.\d+\.\d+\.tgz$/, "");
      const target = join(modules, "@auth0-edge", pkg);
      mkdirSync(target);
      execFileSync("tar", ["-xzf", join(packs, tarball), "-C", target, "--strip-components=1"]);
    }
    // Dependencies and the type packages a user installs, from the workspace's store.
    const links = {
      jose: storeDir("jose", "packages/management"),
      msw: storeDir("msw", "packages/testing"),
      ...typeLinks,
    };
    for (const [dep, dir] of Object.entries(links)) symlinkSync(dir, join(modules, dep), "dir");
    for (const file of ["consumer.mts", "consumer.cts", "consumer.ts"]) {
      cpSync(join(root, "scripts/consumers/consumer.ts"), join(project, file));
    }
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true }),
    );
    dirs[name] = project;
  }
  return { work, projects: dirs };
}

const LIBS = {
  dom: { lib: ["ES2022", "DOM", "DOM.Iterable"], types: [] },
  "node-no-dom": { lib: ["ES2022"], types: ["node"] },
  bun: { lib: ["ES2022"], types: ["bun-types"] },
};
const RESOLUTIONS = {
  nodenext: {
    module: "nodenext",
    moduleResolution: "nodenext",
    files: ["consumer.mts", "consumer.cts"],
  },
  bundler: { module: "preserve", moduleResolution: "bundler", files: ["consumer.ts"] },
};
export const COMPILERS = {
  5.9: join(root, "node_modules/typescript/bin/tsc"),
  "7.x": join(root, "node_modules/typescript-7/bin/tsc"),
};

/** Every row of the matrix: compiler × resolution × lib set, and deno check. */
export function rows() {
  const all = [];
  for (const compiler of Object.keys(COMPILERS))
    for (const resolution of Object.keys(RESOLUTIONS))
      for (const lib of Object.keys(LIBS)) all.push({ compiler, resolution, lib });
  all.push({ compiler: "deno", resolution: "deno", lib: "deno" });
  return all;
}

/** Type-checks one row; returns the compiler's output ("" when clean) and its exit status. */
export function check(projects, row) {
  const project = row.lib === "bun" ? projects.bun : projects.node;
  if (row.compiler === "deno") {
    writeFileSync(join(project, "deno.json"), JSON.stringify({ nodeModulesDir: "manual" }));
    const deno = join(root, "packages/management/node_modules/.bin/deno");
    const run = spawnSync(deno, ["check", "--quiet", "consumer.ts"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    return { status: run.status, output: (run.stdout + run.stderr).trim() };
  }
  const { files, ...resolution } = RESOLUTIONS[row.resolution];
  const config = `tsconfig.${row.compiler}.${row.resolution}.${row.lib}.json`;
  writeFileSync(
    join(project, config),
    JSON.stringify({
      compilerOptions: {
        ...resolution,
        ...LIBS[row.lib],
        target: "ES2022",
        strict: true,
        skipLibCheck: false,
        noEmit: true,
      },
      files,
    }),
  );
  const run = spawnSync(process.execPath, [COMPILERS[row.compiler], "-p", config], {
    cwd: project,
    encoding: "utf8",
  });
  return { status: run.status, output: (run.stdout + run.stderr).trim() };
}
