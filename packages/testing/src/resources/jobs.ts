import { apiError, apiErrorBody, EmulatorHttpError, payloadError, userNotFound } from "../errors";
import { randomAlphanumeric } from "../ids";
import { type JobEntry, presentJob } from "../job-model";
import type { ApiContext, Handlers } from "../router";
import { runImport } from "../users-import";
import { exportProgress, finishExport } from "./users-exports";

/** Auth0's limit on the whole multipart payload of an import. */
const maxPayloadBytes = 512_000;
const connectionIdPattern = /^con_[A-Za-z0-9]{16}$/;

// No recording has an unknown job; worded like Auth0's other 404s (inexistent_user).
const jobNotFound = () => apiError(404, "The job does not exist.", "inexistent_job");
const badMultipart = () => payloadError("Invalid multipart payload format");
const badRequest = (message: string) => apiError(400, message, "invalid_body");

function requireJob(context: ApiContext): JobEntry {
  const entry = context.state.jobs.get(context.params.id!);
  if (entry === undefined) throw jobNotFound();
  return entry;
}

function newJob(context: ApiContext, type: string) {
  return {
    type,
    status: "pending" as const,
    created_at: new Date(context.now()).toISOString(),
    id: `job_${randomAlphanumeric(16)}`,
  };
}

function booleanField(form: FormData, name: string): boolean | undefined {
  const value = form.get(name);
  if (value === null) return undefined;
  if (value === "true" || value === "false") return value === "true";
  throw payloadError("Expected type boolean but found type string", name);
}

async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) throw badMultipart();
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > maxPayloadBytes) {
    const message = `Payload content length greater than maximum allowed: ${maxPayloadBytes}`;
    throw new EmulatorHttpError(413, apiErrorBody(413, message));
  }
  try {
    return await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch {
    throw badMultipart();
  }
}

async function createImport(context: ApiContext) {
  const form = await readForm(context.request);
  const users = form.get("users");
  if (users === null || typeof users === "string") {
    throw badRequest("Must provide 'users' file as multipart part.");
  }
  if (users.size === 0) throw badRequest("Users file must not be empty.");
  const connectionId = form.get("connection_id");
  if (typeof connectionId !== "string") {
    throw badRequest("Must provide 'connection_id' as multipart part.");
  }
  if (!connectionIdPattern.test(connectionId)) {
    throw payloadError(
      `String does not match pattern ${connectionIdPattern.source}`,
      "connection_id",
    );
  }
  const found = context.state.connections.get(connectionId);
  if (found === undefined) {
    throw apiError(400, "The connection does not exist.", "inexistent_connection");
  }
  if (found.strategy !== "auth0") throw badRequest("Connection must be a database connection.");
  const connection = found.name;
  const upsert = booleanField(form, "upsert") ?? false;
  booleanField(form, "send_completion_email");
  const externalId = form.get("external_id");
  const job = {
    ...newJob(context, "users_import"),
    connection_id: connectionId,
    connection,
    // An empty external_id (as Go's SDK sends it) is no id at all.
    external_id: typeof externalId === "string" && externalId !== "" ? externalId : undefined,
  };
  const input = { kind: "users_import" as const, users: await users.text(), upsert, connection };
  context.state.jobs.set(job.id, { job, input, reads: 0, errors: [] });
  return { status: 202, body: presentJob(job) };
}

async function createVerificationEmail(context: ApiContext) {
  const body = await context.input();
  const user = context.state.users.get(body.user_id as string);
  if (user === undefined) throw userNotFound();
  if (user.email === undefined) throw apiError(400, "User does not have an email address.");
  const identity = body.identity as { user_id?: unknown; provider?: unknown } | undefined;
  if (
    identity !== undefined &&
    !user.identities.some((i) => i.user_id === identity.user_id && i.provider === identity.provider)
  ) {
    throw apiError(400, "The user exists, but does not contain the given identity.");
  }
  const job = newJob(context, "verification_email");
  context.state.jobs.set(job.id, {
    job,
    input: { kind: "verification_email", userId: user.user_id },
    reads: 0,
    errors: [],
  });
  return { status: 201, body: presentJob(job) };
}

/** Does the job's work and sets its final status. */
function finish(entry: JobEntry, context: ApiContext): void {
  if (entry.input.kind === "users_export") {
    finishExport(entry, context.state, context.config.exportsOrigin);
    return;
  }
  if (entry.input.kind === "verification_email") {
    entry.job.status = "completed";
    return;
  }
  const result = runImport(context.state, entry.input, context.now());
  if (result.ok) {
    entry.job.status = "completed";
    entry.job.summary = result.summary;
    entry.errors = result.errors;
  } else {
    entry.job.status = "failed";
    entry.job.status_details = result.statusDetails;
  }
}

/**
 * Reading a job moves it on: each `GET /jobs/{id}` is one poll; polls before the
 * `jobPollsToFinish`-th answer `processing`, that one runs the job and answers its outcome.
 */
function readJob(context: ApiContext) {
  const entry = requireJob(context);
  if (entry.job.status === "pending" || entry.job.status === "processing") {
    entry.reads++;
    if (entry.reads >= context.config.jobPollsToFinish) finish(entry, context);
    else {
      entry.job.status = "processing";
      if (entry.input.kind === "users_export")
        exportProgress(entry, context.config.jobPollsToFinish);
    }
  }
  return { status: 200, body: presentJob(entry.job) };
}

function readErrors(context: ApiContext) {
  const { job, errors } = requireJob(context);
  // Recorded: the error list comes as `application/json` without a charset.
  const headers = { "content-type": "application/json" };
  if (job.status === "failed" && job.status_details !== undefined) {
    return { status: 200, body: presentJob({ ...job, connection: undefined }), headers };
  }
  if (errors.length === 0) return { status: 204 };
  return { status: 200, body: errors, headers };
}

/** `/jobs` routes: users imports, verification emails, job status and import errors. */
export const jobHandlers = {
  "post_users-imports": {
    audit: "Create import users job",
    handle: createImport,
  },
  "post_verification-email": {
    audit: "Send an email address verification email",
    handle: createVerificationEmail,
  },
  get_jobs_by_id: { handle: readJob },
  get_errors: {
    handle: readErrors,
  },
} satisfies Handlers;
