import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { operations } from "../../src/generated/operations.js";
import type { AnyOperationEntry } from "../../src/operation.js";
import { listCassettes, readCassette } from "./cassettes.js";
import { routesOf } from "./match.js";
import { SKIPPED_FOLDERS, SKIPS, type Skip, skipTarget } from "./skips.js";
import { readOperationSpecs } from "./spec.js";
import { judge, type Subject } from "./verdict.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const RECORDINGS = resolve(REPO_ROOT, "../shared/recordings/go-auth0");
const DOCUMENT = resolve(REPO_ROOT, "../shared/auth0-api/management-api-oas.json");
const available = existsSync(RECORDINGS) && existsSync(DOCUMENT);

const table: Record<string, AnyOperationEntry> = operations;
const subject: Subject = {
  table,
  routes: routesOf(table),
  specs: available ? readOperationSpecs(DOCUMENT) : new Map(),
};
const cassettes = available
  ? listCassettes(
      RECORDINGS,
      SKIPPED_FOLDERS.map(({ folder }) => folder),
    )
  : [];

const tally = { total: 0, passed: 0, skipped: 0 };
const skipUses = new Map<Skip, number>();
/** Query parameters the recordings send that an operation does not declare, by operationId. */
const undeclared = new Map<string, Set<string>>();
const exercised = new Set<string>();

describe("conformance with the recorded go-auth0 traffic", () => {
  it.runIf(!available && process.env.CI === "true")(
    "finds the recordings and the API document",
    () => {
      expect.fail(`missing ${RECORDINGS} or ${DOCUMENT}`);
    },
  );

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

  it.runIf(available)("uses every skip of skips.ts", () => {
    expect(SKIPS.filter((skip) => !skipUses.has(skip)).map(skipTarget)).toEqual([]);
  });

  afterAll(() => {
    if (!available) return;
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
