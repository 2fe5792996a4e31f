import { internalsOf, type ManagementClient } from "./client.js";
import { InvalidInputError, TimeoutError } from "./errors.js";
import { request } from "./request.js";
import { deadlineSignal, sleep } from "./signals.js";

/** What an import job counted, as Auth0 reports it once the job is done. */
export interface JobSummary {
  failed: number;
  updated: number;
  inserted: number;
  total: number;
  [key: string]: unknown;
}

/** A job as `GET /jobs/{id}` returns it. */
export interface Job {
  id: string;
  /** `users_import`, `users_export`, `verification_email`, … */
  type: string;
  /** `pending`, `processing`, `completed` or `failed`. */
  status: string;
  created_at?: string;
  connection_id?: string;
  connection?: string;
  external_id?: string;
  summary?: JobSummary;
  status_details?: string;
  /** Where to download the result of an export. */
  location?: string;
  percentage_done?: number;
  time_left_seconds?: number;
  format?: "json" | "csv";
  [key: string]: unknown;
}

/** Why one user of an import was refused. */
export interface JobUserErrorDetail {
  /** `DUPLICATED_USER`, `INVALID_FORMAT`, … */
  code: string;
  message: string;
  /** The field at fault, when Auth0 names one. */
  path?: string;
  [key: string]: unknown;
}

/** One refused user of an import: the user as it was in the file, and why. */
export interface JobUserError {
  user: Record<string, unknown>;
  errors: JobUserErrorDetail[];
}

/** A finished job: what `waitForJob` resolves to. */
export interface JobOutcome {
  job: Job & { status: "completed" | "failed" };
  /** The job's `summary` (imports have one), or `undefined`. */
  summary: JobSummary | undefined;
  /** The refused users (`GET /jobs/{id}/errors`); empty when none failed. */
  errors: JobUserError[];
}

export interface WaitForJobOptions {
  /** Stop waiting: the promise rejects with the signal's reason and no request follows. */
  signal?: AbortSignal;
  /** Wait before the second poll, in ms; each later wait doubles. Default 500. */
  initialDelayMs?: number;
  /** The longest wait between two polls, in ms. Default 10 000. */
  maxDelayMs?: number;
  /** Give up after this many ms, polls included, with a `TimeoutError`. Default 600 000 (10 minutes). */
  timeoutMs?: number;
  /** Called after each poll with the job's status, `percentage_done` and `time_left_seconds`. */
  onProgress?: (progress: JobProgress) => void;
}

/** Where a job is, after a poll (and, for an export, how many records it has yielded). */
export interface JobProgress {
  /** `pending`, `processing`, `completed` or `failed`; `downloading` while an export's file is read. */
  status: string;
  /** Auth0's `percentage_done`, while the job runs. */
  percentageDone: number | undefined;
  /** Auth0's `time_left_seconds`, while the job runs. */
  timeLeftSeconds: number | undefined;
  /** Records yielded so far (exports; 0 for other jobs). */
  records: number;
}

const FINISHED = new Set(["completed", "failed"]);

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new InvalidInputError(`\`${name}\` must be a positive number of milliseconds`);
  }
  return value;
}

function hasFailures(job: Job): boolean {
  return job.status === "failed" || (job.summary?.failed ?? 0) > 0;
}

/**
 * Waits for a job to finish: polls `GET /jobs/{id}` at once, then after 500 ms,
 * 1 s, 2 s, … up to `maxDelayMs` between polls, until its status is `completed` or
 * `failed`. When users failed, reads them from `GET /jobs/{id}/errors`. Exported
 * from `@auth0-edge/management/jobs`.
 *
 * Rejects with a {@link TimeoutError} after `timeoutMs`, with the signal's reason
 * when `signal` aborts, and with the error of a poll that failed (each poll is an
 * ordinary call: retried like any GET).
 *
 * @example
 * ```ts
 * import { waitForJob } from "@auth0-edge/management/jobs";
 * const { summary, errors } = await waitForJob(client, job.id, { timeoutMs: 120_000 });
 * console.log(`${summary?.inserted} inserted, ${errors.length} refused`);
 * ```
 */
export async function waitForJob(
  client: ManagementClient,
  id: string,
  options: WaitForJobOptions = {},
): Promise<JobOutcome> {
  if (typeof id !== "string" || id === "") {
    throw new InvalidInputError("`id` must be the id of a job (job_…)");
  }
  const initialDelayMs = positive("initialDelayMs", options.initialDelayMs, 500);
  const maxDelayMs = positive("maxDelayMs", options.maxDelayMs, 10_000);
  const timeoutMs = positive("timeoutMs", options.timeoutMs, 600_000);
  const callTimeoutMs = internalsOf(client).timeoutMs;
  const { signal, dispose } = deadlineSignal(
    options.signal,
    timeoutMs,
    () => new TimeoutError(`job ${id} did not finish within ${timeoutMs} ms`, timeoutMs),
  );
  const started = Date.now();
  // One call's budget is the client's, but never past the end of the whole wait.
  const budget = () => Math.max(1, Math.min(callTimeoutMs, started + timeoutMs - Date.now()));
  try {
    let delay = initialDelayMs;
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const job = await request<Job>(client, {
        method: "GET",
        path: "/jobs/{id}",
        params: { id },
        signal,
        timeoutMs: budget(),
      });
      options.onProgress?.({
        status: job.status,
        percentageDone: job.percentage_done,
        timeLeftSeconds: job.time_left_seconds,
        records: 0,
      });
      if (FINISHED.has(job.status)) {
        const found = hasFailures(job)
          ? await request<unknown>(client, {
              method: "GET",
              path: "/jobs/{id}/errors",
              params: { id },
              signal,
              timeoutMs: budget(),
            })
          : undefined;
        // A job that failed as a whole answers with itself, not a list: no user to report.
        const errors = Array.isArray(found) ? (found as JobUserError[]) : [];
        return {
          job: job as JobOutcome["job"],
          summary: job.summary,
          errors,
        };
      }
      await sleep(delay, signal);
      delay = Math.min(delay * 2, maxDelayMs);
    }
  } catch (error) {
    // A poll cut short by the deadline reports the wait's timeout, not its own.
    if (signal.aborted && !options.signal?.aborted) throw signal.reason;
    throw error;
  } finally {
    dispose();
  }
}
