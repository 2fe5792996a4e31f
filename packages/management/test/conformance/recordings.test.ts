import { afterAll, describe, expect, it } from "vitest";
import { operations } from "../../src/generated/operations.js";
import type { AnyOperationEntry } from "../../src/operation.js";
import { oasPath, recordingsDir } from "../support/oas.js";
import { listCassettes, readCassette } from "./cassettes.js";
import { routesOf } from "./match.js";
import { SKIPPED_FOLDERS, SKIPS, type Skip, skipTarget } from "./skips.js";
import { readOperationSpecs } from "./spec.js";
import { judge, type Subject } from "./verdict.js";

const table: Record<string, AnyOperationEntry> = operations;
const subject: Subject = {
  table,
  routes: routesOf(table),
  specs: readOperationSpecs(oasPath),
};
const cassettes = listCassettes(
  recordingsDir,
  SKIPPED_FOLDERS.map(({ folder }) => folder),
);

const tally = { total: 0, passed: 0, skipped: 0 };
const skipUses = new Map<Skip, number>();
/** Query parameters the recordings send that an operation does not declare, by operationId. */
const undeclared = new Map<string, Set<string>>();
const exercised = new Set<string>();

describe("conformance with the recorded go-auth0 traffic", () => {
  it("replays all 486 Management API cassettes of the vendored recordings", () => {
    expect(cassettes).toHaveLength(486);
  });

  for (const { name, file } of cassettes) {
    it(name, async () => {
      const cassette = readCassette(file, name);
      const failures: string[] = [];
      for (const interaction of cassette.interactions) {
        tally.total++;
        const verdict = await judge(subject, cassette.name, interaction);
        if (verdict.outcome === "failed") failures.push(verdict.message);
        else if (verdict.outcome === "skipped") {
          tally.skipped++;
          skipUses.set(verdict.skip, (skipUses.get(verdict.skip) ?? 0) + 1);
        } else {
          tally.passed++;
          exercised.add(verdict.operationId);
          for (const name of verdict.undeclared) {
            undeclared.set(
              verdict.operationId,
              (undeclared.get(verdict.operationId) ?? new Set()).add(name),
            );
          }
        }
      }
      expect(failures, `${cassette.name}: ${failures.length} interaction(s) differ`).toEqual([]);
    });
  }

  it("uses every skip of skips.ts", () => {
    expect(SKIPS.filter((skip) => !skipUses.has(skip)).map(skipTarget)).toEqual([]);
  });

  afterAll(() => {
    const lines = [
      `conformance: ${tally.passed} passed, ${tally.skipped} skipped of ${tally.total} interactions (${cassettes.length} cassettes; ${exercised.size} of ${Object.keys(table).length} operations exercised)`,
      ...SKIPPED_FOLDERS.map(({ folder, reason }) => `  not loaded: ${folder}/ (${reason})`),
      ...SKIPS.map(
        (skip) => `  skipped ${skipUses.get(skip) ?? 0}× ${skipTarget(skip)}: ${skip.reason}`,
      ),
    ];
    if (undeclared.size > 0) {
      lines.push("  sent query parameters the document does not declare for the operation:");
      for (const [id, names] of undeclared) lines.push(`    ${id}: ${[...names].join(", ")}`);
    }
    console.log(lines.join("\n"));
  });
});
