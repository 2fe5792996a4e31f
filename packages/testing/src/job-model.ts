import type * as Document from "./generated/resources";
import type { ExportInput } from "./resources/users-exports";

/** Where a job is in its life. */
export type JobStatus = "pending" | "processing" | "completed" | "failed";

/** What an import counted, in Auth0's key order. */
export interface JobSummary {
  failed: number;
  updated: number;
  inserted: number;
  total: number;
}

/** One refused user of an import, as `GET /jobs/{id}/errors` lists it. */
export interface JobUserError {
  /** The entry as it was in the file. */
  user: unknown;
  errors: Array<{ code: string; message: string; path?: string }>;
}

/** A job as the Management API returns it. */
export interface Job extends Omit<Document.Job, "status" | "summary" | "created_at"> {
  status: JobStatus;
  summary?: JobSummary;
  created_at: string;
  /** Recorded on imports beside `connection_id`, though the document does not list it. */
  connection?: string;
  /** The import's `external_id`, echoed back (not in the document's job either). */
  external_id?: string;
  [key: string]: unknown;
}

/** What a job does when it finishes. */
export type JobInput =
  | { kind: "users_import"; users: string; upsert: boolean; connection: string }
  | { kind: "verification_email"; userId: string }
  | ExportInput;

/** A job and the emulator's bookkeeping of it (`emulator.state.jobs`). */
export interface JobEntry {
  job: Job;
  input: JobInput;
  /** How many times `GET /jobs/{id}` has read it. */
  reads: number;
  /** The refused users, once an import has run. */
  errors: JobUserError[];
}

// Recorded order: type, status, connection_id, summary, connection, created_at, id. Where
// Auth0 puts external_id and status_details is not recorded; they go after connection_id.
const keyOrder = [
  "type",
  "status",
  "connection_id",
  "external_id",
  "summary",
  "status_details",
  "connection",
  "created_at",
  "id",
];

/** A copy of the job with its keys in Auth0's order and no `undefined` fields. */
export function presentJob(job: Job): Job {
  const out: Record<string, unknown> = {};
  for (const key of keyOrder) if (job[key] !== undefined) out[key] = job[key];
  for (const [key, value] of Object.entries(job)) {
    if (!(key in out) && value !== undefined) out[key] = value;
  }
  return out as Job;
}
