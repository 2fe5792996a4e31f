import type { AnyOperationEntry } from "../../src/operation.js";
import type { Interaction } from "./cassettes.js";
import { expectedBody, rebuildInput } from "./input.js";
import { matchRoute, type Route } from "./match.js";
import { replay } from "./replay.js";
import { brokenRecording, knownIssue, type Skip, undocumentedEndpoint } from "./skips.js";
import type { OperationSpec } from "./spec.js";

/** What the conformance replay needs besides the recordings. */
export interface Subject {
  table: Record<string, AnyOperationEntry>;
  routes: readonly Route[];
  specs: ReadonlyMap<string, OperationSpec>;
}

export type Verdict =
  | { outcome: "passed"; operationId: string; undeclared: string[] }
  | { outcome: "skipped"; skip: Skip }
  | { outcome: "failed"; message: string };

/**
 * Replays one recorded interaction through the operations table and judges it:
 * passed, skipped (by a rule of skips.ts that still applies) or failed, with a
 * message naming the interaction, the operation and every difference.
 */
export async function judge(
  subject: Subject,
  cassette: string,
  interaction: Interaction,
): Promise<Verdict> {
  const where = `#${interaction.index} ${interaction.method} ${interaction.url.pathname}${interaction.url.search}`;
  const fail = (what: string): Verdict => ({ outcome: "failed", message: `${where}: ${what}` });
  const broken = brokenRecording(cassette, interaction.index);
  if (broken !== undefined) return { outcome: "skipped", skip: broken };
  const match = matchRoute(subject.routes, interaction.method, interaction.url);
  const undocumented = undocumentedEndpoint(interaction.method, interaction.url);
  if (match === undefined) {
    return undocumented === undefined
      ? fail("no operation of the table matches")
      : { outcome: "skipped", skip: undocumented };
  }
  const { operationId } = match.route;
  if (undocumented !== undefined) {
    return fail(`skips.ts calls it undocumented, but ${operationId} matches: remove the skip`);
  }
  const spec = subject.specs.get(operationId);
  const operation = subject.table[operationId] as AnyOperationEntry;
  const { input, undeclared } = await rebuildInput(interaction, match, spec);
  const problems = await replay(interaction, operation, input, expectedBody(interaction, spec));
  const issue = knownIssue(operationId);
  if (issue !== undefined) {
    if (problems.length === 0) {
      return fail(`${operationId} conforms now: remove its known issue from skips.ts`);
    }
    if (problems.every((problem) => problem.includes(issue.symptom))) {
      return { outcome: "skipped", skip: issue };
    }
  }
  return problems.length === 0
    ? { outcome: "passed", operationId, undeclared }
    : fail(`${operationId}: ${problems.join("; ")}`);
}
