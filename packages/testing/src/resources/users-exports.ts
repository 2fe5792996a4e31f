/**
 * Users exports: `POST /jobs/users-exports`, the job's progress on `GET /jobs/{id}` and
 * the gzip file at its `location`. Shaped after Auth0's documentation, "Bulk User Exports"
 * (https://auth0.com/docs/manage-users/user-migration/bulk-user-exports) and the job
 * schema of spec/management-api-oas.json (`percentage_done`, `time_left_seconds`,
 * `location`): the file is gzip, CSV with a header row or JSON with one user per line,
 * each field named by its `export_as` or `name`; `location` is a signed URL on a
 * storage host that refuses a second credential (S3 answers 400 "Only one auth mechanism
 * allowed" to a signed URL sent with an `Authorization` header). NOT CHECKED AGAINST A
 * RECORDING: no recording holds an export job or its file.
 */
import { apiError } from "../errors";
import type { HandlerResult } from "../http";
import { randomAlphanumeric } from "../ids";
import type { JobEntry } from "../job-model";
import type { ApiContext, Handlers } from "../router";
import type { EmulatorState, User } from "../types";

const DEFAULT_FIELDS = ["user_id", "email", "name", "nickname", "created_at", "updated_at"];

export interface ExportField {
  name: string;
  export_as?: string;
}

export interface ExportInput {
  kind: "users_export";
  format: "json" | "csv";
  fields: ExportField[];
  connection: string | undefined;
  limit: number | undefined;
  /** Filled when the job completes: the users of the file and its signature. */
  users?: User[];
  signature?: string;
}

async function createExport(context: ApiContext): Promise<HandlerResult> {
  const body = await context.input();
  const format = (body.format as string | undefined) ?? "csv";
  if (format !== "json" && format !== "csv") {
    throw apiError(
      400,
      'Payload validation error: \'Invalid format\' on property format (should be "json" or "csv").',
    );
  }
  let connection: string | undefined;
  if (body.connection_id !== undefined) {
    connection = context.state.connections.get(body.connection_id as string)?.name;
    if (connection === undefined) {
      throw apiError(400, "The connection does not exist.", "inexistent_connection");
    }
  }
  const fields = (
    (body.fields as ExportField[] | undefined) ?? DEFAULT_FIELDS.map((name) => ({ name }))
  ).map((f) => {
    if (typeof f?.name !== "string") throw apiError(400, "Each field needs a name.");
    return f;
  });
  const job = {
    type: "users_export",
    status: "pending" as const,
    connection_id: body.connection_id as string | undefined,
    format: format as "json" | "csv",
    limit: body.limit as number | undefined,
    fields,
    connection,
    created_at: new Date(context.now()).toISOString(),
    id: `job_${randomAlphanumeric(16)}`,
  };
  const input: ExportInput = { kind: "users_export", format, fields, connection, limit: job.limit };
  context.state.jobs.set(job.id, { job, input, reads: 0, errors: [] });
  return { status: 201, body: job };
}

/** While the job runs: how far it is, as Auth0 reports it on `GET /jobs/{id}`. */
export function exportProgress(entry: JobEntry, polls: number): void {
  const done = Math.min(99, Math.floor((entry.reads / polls) * 100));
  entry.job.percentage_done = done;
  entry.job.time_left_seconds = Math.max(1, polls - entry.reads);
}

/** Completes the job: the users it holds are chosen now, and `location` points at the file. */
export function finishExport(entry: JobEntry, state: EmulatorState, origin: string): void {
  const input = entry.input as ExportInput;
  let users = [...state.users.values()].filter(
    (u) =>
      input.connection === undefined || u.identities.some((i) => i.connection === input.connection),
  );
  if (input.limit !== undefined) users = users.slice(0, input.limit);
  input.users = users;
  input.signature = randomAlphanumeric(32);
  entry.job.status = "completed";
  entry.job.percentage_done = undefined;
  entry.job.time_left_seconds = undefined;
  const tenant = new URL(origin).hostname.split(".")[0];
  entry.job.location = `${origin}/user-exports/${entry.job.id}/${tenant}.${input.format}.gz?Expires=${Math.floor(Date.now() / 1000) + 60}&Signature=${input.signature}`;
}

function fieldOf(user: User, name: string): unknown {
  return name
    .split(".")
    .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], user);
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The file's lines, made as they are read, so a large export costs no more memory than a small one. */
function exportFile(input: ExportInput): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const names = input.fields.map((f) => f.export_as ?? f.name);
  const users = input.users ?? [];
  let next = 0;
  let header = input.format === "csv";
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let text = "";
      if (header) {
        text = `${names.map(csvCell).join(",")}\n`;
        header = false;
      }
      for (const end = Math.min(users.length, next + 500); next < end; next++) {
        const user = users[next]!;
        if (input.format === "csv") {
          text += `${input.fields.map((f) => csvCell(fieldOf(user, f.name))).join(",")}\n`;
        } else {
          const record: Record<string, unknown> = {};
          input.fields.forEach((f, i) => {
            const value = fieldOf(user, f.name);
            if (value !== undefined) record[names[i]!] = value;
          });
          text += `${JSON.stringify(record)}\n`;
        }
      }
      if (text !== "") controller.enqueue(encoder.encode(text));
      if (next >= users.length) controller.close();
    },
  }).pipeThrough(
    new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
  );
}

/** `GET {location}`: the gzip file, for a request with the URL's signature and no other credential. */
export function serveExport(request: Request, url: URL, state: EmulatorState): Response {
  const id = url.pathname.split("/")[2] ?? "";
  const found = state.jobs.get(id)?.input;
  const input = found?.kind === "users_export" ? found : undefined;
  if (input?.signature === undefined || url.searchParams.get("Signature") !== input.signature) {
    return new Response("<Error><Code>AccessDenied</Code></Error>", { status: 403 });
  }
  if (request.headers.has("authorization")) {
    return new Response(
      "<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>",
      { status: 400, headers: { "content-type": "application/xml" } },
    );
  }
  return new Response(exportFile(input), {
    headers: { "content-type": "application/gzip" },
  });
}

export const usersExportHandlers = {
  "post_users-exports": { handle: createExport },
} satisfies Handlers;
