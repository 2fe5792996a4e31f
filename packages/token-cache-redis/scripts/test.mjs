// `pnpm test` and `pnpm test:fleet` of this package: the suites need a real redis-server (Debian's
// package; no npm package ships one). Without it a suite does not run: this prints one `skipped:`
// line, which the root test summary repeats last, and fails when CI=true, so a machine never skips
// in silence. `test:fleet` runs the refresh-cycle suite (20 Node processes over several token
// lives, real time); `test` runs everything else.
import { spawnSync } from "node:child_process";

const FLEET = ["test/fleet.test.ts"];
const fleet = process.argv[2] === "fleet";
const files = fleet ? FLEET : FLEET.flatMap((file) => ["--exclude", file]);

const hasRedisServer = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
const vitest = (args, stdio) =>
  spawnSync("vitest", args, { stdio, encoding: "utf8", shell: process.platform === "win32" });

if (hasRedisServer) {
  process.exit(vitest(["run", ...files], "inherit").status ?? 1);
}
const listed = vitest(["list", ...files], ["ignore", "pipe", "inherit"]);
const count = listed.stdout.split("\n").filter((line) => line.includes(" > ")).length;
console.log(
  `skipped: token-cache-redis${fleet ? "-fleet" : ""} (${count} tests) — redis-server is not installed: apt-get install -y redis-server`,
);
process.exit(process.env.CI === "true" ? 1 : 0);
