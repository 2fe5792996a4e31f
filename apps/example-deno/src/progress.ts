import type { JobProgress } from "@auth0-edge/management/jobs";

const WIDTH = 24;

/**
 * One line of progress for an export: a bar while Auth0 prepares the file, from its
 * `percentage_done` and `time_left_seconds`, then the count of users read.
 *
 * @example
 * ```ts
 * progressLine({ status: "processing", percentageDone: 50, timeLeftSeconds: 3, records: 0 });
 * // "[############------------]  50%  about 3 s left"
 * ```
 */
export function progressLine(progress: JobProgress): string {
  if (progress.status === "downloading") {
    return `[${"#".repeat(WIDTH)}] 100%  ${progress.records.toLocaleString("en-US")} users read`;
  }
  const percent = Math.max(0, Math.min(100, progress.percentageDone ?? 0));
  const filled = Math.round((percent / 100) * WIDTH);
  const left =
    progress.timeLeftSeconds === undefined ? "" : `  about ${progress.timeLeftSeconds} s left`;
  return `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${String(percent).padStart(3)}%  ${progress.status}${left}`;
}
