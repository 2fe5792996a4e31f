// Reads what `pnpm test` printed and says, in one closing line, how many tests passed, failed
// and were skipped across every suite. A check or a suite that failed, and a test task that
// printed no summary at all (killed, crashed, interrupted), is named and counts as failed: the
// line must never look better than what ran.

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the colour codes we strip.
const ANSI = /\x1b\[[0-9;]*m/g;
/** turbo prefixes every line of a task's output with `package:task: `. */
const TURBO_LINE = /^([^:\s]+):(test:runtimes|test:fleet|typecheck|test|check): ?(.*)$/;
/** vitest: `Tests  12 passed | 1 failed | 2 skipped (15)`. */
const VITEST = /^\s*Tests\s+((?:\d+ \w+(?: \| )?)+)\s*\(\d+\)\s*$/;
/** deno test: `ok | 12 passed | 0 failed (3s)` or `FAILED | 3 passed | 1 failed | 1 ignored`. */
const DENO = /^(?:ok|FAILED) \| (\d+ passed \| \d+ failed(?: \| \d+ ignored)?)/;
/** Our own scripts: `runtime deno: 8 passed, 0 failed`, `…built-ins: 55 passed, 0 failed`. */
const PLAIN = /^[\w .-]+: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;
/** A suite that could not run on this machine: `skipped: name (89 tests) — how to install`. */
const SKIPPED_SUITE = /^skipped: (\S+) \((\d+) tests?\) — (.+)$/;

/** The counts of one summary line, or `undefined` when the line is none. */
export function countsOf(line) {
  const vitest = VITEST.exec(line);
  if (vitest) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const [, n, kind] of vitest[1].matchAll(/(\d+) (\w+)/g)) {
      if (kind === "passed") counts.passed += Number(n);
      else if (kind === "failed") counts.failed += Number(n);
      else counts.skipped += Number(n); // skipped, todo
    }
    return counts;
  }
  const deno = DENO.exec(line);
  if (deno) {
    const [passed, failed, ignored = 0] = [...deno[1].matchAll(/\d+/g)].map(Number);
    return { passed, failed, skipped: ignored };
  }
  const plain = PLAIN.exec(line);
  if (plain) {
    return { passed: Number(plain[1]), failed: Number(plain[2]), skipped: Number(plain[3] ?? 0) };
  }
  return undefined;
}

/**
 * @param {{ name: string, output: string, exitCode: number, testTasks?: string[] }[]} steps
 *   What each step printed and how it ended. A turbo step lists the test tasks it was to run
 *   (`package#task`); each must print a summary of its own.
 */
export function summarize(steps) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  const suites = [];
  const problems = [];
  const skippedSuites = [];
  const add = (name, counts) => {
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    suites.push({ name, ...counts });
  };
  for (const step of steps) {
    const lines = step.output.replace(ANSI, "").split(/\r?\n/);
    if (!step.testTasks) {
      // A check (lint) or a script suite: its own summary line, if it prints one, else pass/fail.
      const counts = sumOf(lines);
      if (counts) add(step.name, counts);
      if (step.exitCode !== 0 && !(counts && counts.failed > 0)) {
        total.failed++;
        problems.push(`${step.name} failed (exit code ${step.exitCode})`);
      }
      continue;
    }
    const byTask = new Map();
    const failedTasks = new Set();
    for (const line of lines) {
      const match = TURBO_LINE.exec(line);
      if (match) {
        const task = `${match[1]}#${match[2]}`;
        const taskLines = byTask.get(task) ?? [];
        taskLines.push(match[3]);
        byTask.set(task, taskLines);
        continue;
      }
      const failed = /^\s*Failed:\s+(.+)$/.exec(line);
      if (failed)
        for (const task of failed[1].match(/[^\s,]+#[^\s,]+/g) ?? []) failedTasks.add(task);
    }
    for (const task of step.testTasks) {
      const taskLines = byTask.get(task) ?? [];
      for (const line of taskLines) {
        const skipped = SKIPPED_SUITE.exec(line.trim());
        if (skipped) {
          total.skipped += Number(skipped[2]);
          skippedSuites.push(line.trim());
        }
      }
      const counts = sumOf(taskLines);
      if (counts) add(task, counts);
      if (!counts && !taskLines.some((line) => SKIPPED_SUITE.test(line.trim()))) {
        total.failed++;
        problems.push(`${task} printed no test summary (interrupted, or it never ran)`);
      } else if (failedTasks.has(task) && !(counts && counts.failed > 0)) {
        total.failed++;
        problems.push(`${task} exited with an error although no test failed`);
      } else if (counts && counts.failed > 0) {
        problems.push(`${task}: ${counts.failed} failed`);
      }
    }
    for (const task of failedTasks) {
      if (step.testTasks.includes(task)) continue;
      total.failed++;
      problems.push(`${task} failed`);
    }
    if (step.exitCode !== 0 && failedTasks.size === 0 && problems.length === 0) {
      total.failed++;
      problems.push(`${step.name} failed (exit code ${step.exitCode}) without naming a task`);
    }
  }
  return { ...total, suites, problems, skippedSuites };
}

function sumOf(lines) {
  let counts;
  for (const line of lines) {
    const found = countsOf(line.trim());
    if (!found) continue;
    counts ??= { passed: 0, failed: 0, skipped: 0 };
    counts.passed += found.passed;
    counts.failed += found.failed;
    counts.skipped += found.skipped;
  }
  return counts;
}

/** The lines `pnpm test` ends with: each suite, each problem, the total, then what did not run. */
export function formatSummary(summary) {
  const lines = ["", "test summary:"];
  for (const suite of summary.suites) {
    lines.push(
      `  ${suite.name} — ${suite.passed} passed, ${suite.failed} failed, ${suite.skipped} skipped`,
    );
  }
  for (const problem of summary.problems) lines.push(`  FAILED ${problem}`);
  lines.push(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  lines.push(...summary.skippedSuites);
  return lines.join("\n");
}
