/**
 * The `jobs` operations of the Management API, plus {@link waitForJob}:
 * `@auth0-edge/management/jobs`.
 *
 * @packageDocumentation
 */
export * from "../generated/jobs.js";
export { type JobOutcome, type WaitForJobOptions, waitForJob } from "../wait-for-job.js";
