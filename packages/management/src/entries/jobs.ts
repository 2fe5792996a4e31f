/**
 * The `jobs` operations of the Management API, plus {@link waitForJob}:
 * `@auth0-edge/management/jobs`.
 *
 * @packageDocumentation
 * @module jobs
 */
export * from "../generated/jobs.js";
export type { UsersFile } from "../multipart.js";
export {
  type Job,
  type JobOutcome,
  type JobSummary,
  type JobUserError,
  type JobUserErrorDetail,
  type WaitForJobOptions,
  waitForJob,
} from "../wait-for-job.js";
