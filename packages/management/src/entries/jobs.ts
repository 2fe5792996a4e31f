/**
 * The `jobs` operations of the Management API, plus {@link waitForJob} and {@link exportUsers}:
 * `@auth0-edge/management/jobs`.
 *
 * @packageDocumentation
 * @module jobs
 */

export {
  type ExportedUser,
  type ExportUsersInput,
  type ExportUsersOptions,
  exportUsers,
} from "../exports/export-users.js";
export * from "../generated/jobs.js";
export type { UsersFile } from "../multipart.js";
export {
  type Job,
  type JobOutcome,
  type JobProgress,
  type JobSummary,
  type JobUserError,
  type JobUserErrorDetail,
  type WaitForJobOptions,
  waitForJob,
} from "../wait-for-job.js";
