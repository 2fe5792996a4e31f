import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { charts } from "../src/charts.mjs";
import { checkTargets, END, renderSection, START } from "../src/report.mjs";

const read = (path) => readFileSync(new URL(path, import.meta.url), "utf8");
const results = JSON.parse(read("../results/bench.json"));
const readme = read("../../../README.md");

describe("the README's performance section", () => {
  it("shows the figures of the committed results/bench.json, as pnpm bench wrote them", () => {
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start, end + END.length)).toBe(renderSection(results));
  });

  it.each(Object.keys(charts(results)))("shows charts/%s, drawn from the same results", (name) => {
    expect(readme).toContain(`(packages/bench/charts/${name})`);
    expect(read(`../charts/${name}`)).toBe(charts(results)[name]);
  });

  it("names the date and the machine of the run", () => {
    const { date, cpu, cores } = results.machine;
    expect(readme).toContain(`on ${date}: ${cpu}, ${cores} cores`);
  });
});

describe("pnpm bench --assert", () => {
  it("misses the CPU target when our median is above 1.15× a hand-written fetch", () => {
    const worse = structuredClone(results);
    worse.loopback.small.cpuRatioToRaw.ours.median = 1.16;
    expect(checkTargets(worse).failed.join()).toMatch(/CPU\/call small ≤ 1.15× raw/);
  });

  it("misses the throughput target below 0.85× and when the official package is ahead", () => {
    const worse = structuredClone(results);
    worse.loopback.big.throughputRatioToRaw.ours.median = 0.84;
    worse.loopback.big.throughputRatioToRaw.official.median = 0.9;
    const failed = checkTargets(worse).failed.join("\n");
    expect(failed).toMatch(/calls\/s big ≥ 0.85× raw/);
    expect(failed).toMatch(/calls\/s big above official/);
  });

  it("misses the size target above 5,120 B gzip for the getUser Worker", () => {
    const worse = structuredClone(results);
    worse.bundles["get-user"].ours.gzipBytes = 5121;
    expect(checkTargets(worse).failed.join()).toMatch(/getUser Worker ≤ 5,120 B gzip/);
  });
});
