import { internalsOf, type ManagementClient } from "../client.js";
import { InvalidResponseError } from "../errors.js";
import type { CreateExportUsersRequestContent } from "../generated/types/jobs.js";
import { request } from "../request.js";
import { type Job, type JobProgress, type WaitForJobOptions, waitForJob } from "../wait-for-job.js";
import { createCsvParser } from "./csv.js";
import { downloadStream, downloadUrl } from "./download.js";
import { createLineSplitter } from "./lines.js";

/** What to export: `POST /jobs/users-exports`'s body (connection, `json` or `csv`, fields, limit). */
export type ExportUsersInput = CreateExportUsersRequestContent;

/** One exported user: the JSON object of its line, or the CSV columns by their header. */
export type ExportedUser = Record<string, unknown>;

export interface ExportUsersOptions extends Omit<WaitForJobOptions, "onProgress"> {
  /** Called after each poll of the job, then as records are read (every 100, and at the end). */
  onProgress?: (progress: JobProgress) => void;
  /** The longest wait for the file's answer or its next bytes, in ms. Default 60 000. */
  idleTimeoutMs?: number;
  /** Failed download attempts in a row before giving up. Default 3. */
  downloadRetries?: number;
  /** Allow an `http://localhost` location, for tests against a local emulator. */
  allowInsecureLocalhost?: boolean;
  /** The longest line or CSV record, in characters. Default 8 388 608. */
  maxRecordChars?: number;
}

/** Lines or CSV records as objects, one at a time. */
async function* records(
  text: ReadableStream<string>,
  format: "json" | "csv",
  maxChars: number,
): AsyncGenerator<ExportedUser> {
  const reader = text.getReader();
  const csv = format === "csv" ? createCsvParser(maxChars) : undefined;
  const lines = createLineSplitter(maxChars);
  let header: string[] | undefined;
  let line = 0;
  const toUser = (row: string[]) => {
    if (!header) {
      header = row;
      return undefined;
    }
    return Object.fromEntries(header.map((name, i) => [name, row[i] ?? ""]));
  };
  const parse = (text: string) => {
    line++;
    try {
      return JSON.parse(text) as ExportedUser;
    } catch {
      throw new InvalidResponseError(`line ${line} of the export is not JSON`);
    }
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const found = done ? (csv?.end() ?? lines.end()) : (csv?.push(value) ?? lines.push(value));
      for (const item of found) {
        const user =
          typeof item === "string" ? (item.trim() ? parse(item) : undefined) : toUser(item);
        if (user) yield user;
      }
      if (done) return;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/**
 * Exports users end to end, on any runtime: creates the export job
 * (`POST /jobs/users-exports`, scope `read:users`), waits for it ({@link waitForJob}),
 * then streams the gzip file at the job's `location` and yields its users one at a time —
 * from NDJSON (`format: "json"`) or CSV (by the header row's names) — with constant
 * memory, however many there are. The file is a signed URL on a storage host: it is read
 * with the client's `fetch` but none of its headers (no `Authorization`, no
 * `Auth0-Client`), follows no redirect, must be HTTPS, and has an idle timeout instead of
 * the per-attempt limit; network errors are retried, resuming with `Range`. Exported
 * from `@auth0-edge/management/jobs`.
 *
 * @example
 * ```ts
 * import { exportUsers } from "@auth0-edge/management/jobs";
 *
 * for await (const user of exportUsers(
 *   client,
 *   { connection_id: "con_0000000000000001", format: "json", fields: [{ name: "user_id" }, { name: "email" }] },
 *   { onProgress: (p) => console.log(p.status, p.percentageDone, p.records) },
 * )) {
 *   console.log(user.email);
 * }
 * ```
 */
export async function* exportUsers(
  client: ManagementClient,
  input: ExportUsersInput,
  options: ExportUsersOptions = {},
): AsyncGenerator<ExportedUser, void, undefined> {
  const { signal, onProgress } = options;
  const created = await request<Job>(client, {
    method: "POST",
    path: "/jobs/users-exports",
    body: input,
    signal,
  });
  const { job } = await waitForJob(client, created.id, options);
  if (job.status === "failed" || typeof job.location !== "string") {
    throw new InvalidResponseError(
      `users export ${job.id} ${job.status === "failed" ? `failed: ${job.status_details ?? "no details"}` : "has no location"}`,
    );
  }
  const url = downloadUrl(job.location, options.allowInsecureLocalhost === true);
  const bytes = downloadStream(internalsOf(client).fetch, url, {
    signal,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    maxRetries: options.downloadRetries ?? 3,
    allowInsecureLocalhost: options.allowInsecureLocalhost === true,
  });
  const text = bytes
    .pipeThrough(
      new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
    )
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>);
  const format = job.format ?? input.format ?? "csv";
  const report = (count: number) =>
    onProgress?.({
      status: "downloading",
      percentageDone: 100,
      timeLeftSeconds: 0,
      records: count,
    });
  let count = 0;
  for await (const user of records(text, format, options.maxRecordChars ?? 8_388_608)) {
    yield user;
    if (++count % 100 === 0) report(count);
  }
  report(count);
}
