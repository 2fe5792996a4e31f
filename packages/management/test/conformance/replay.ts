import { isDeepStrictEqual } from "node:util";
import { createManagementClient, ManagementApiError } from "../../src/index.js";
import type { AnyOperationEntry } from "../../src/operation.js";
import type { CallOptions } from "../../src/request.js";
import type { Interaction } from "./cassettes.js";

const NULL_BODY_STATUS = new Set([204, 205, 304]);

const show = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

/** The query as sorted `[key, value]` pairs, decoded; the order of the values of one key is kept. */
function queryPairs(url: URL): [string, string][] {
  return [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function formFields(form: FormData): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of form) {
    fields[name] =
      typeof value === "string"
        ? value
        : { file: value.name, type: value.type, text: await value.text() };
  }
  return fields;
}

async function compareBody(
  interaction: Interaction,
  recorded: string,
  init: RequestInit,
): Promise<string[]> {
  const sent = init.body;
  if (recorded === "") {
    return sent === undefined || sent === null ? [] : [`body: sent ${show(sent)}, recorded none`];
  }
  const contentType = interaction.contentType ?? "";
  if (contentType.startsWith("multipart/form-data")) {
    if (!(sent instanceof FormData)) return [`multipart body: sent ${show(sent)}`];
    const expected = await formFields(
      await new Response(recorded, { headers: { "content-type": contentType } }).formData(),
    );
    const actual = await formFields(sent);
    return isDeepStrictEqual(actual, expected)
      ? []
      : [`multipart body: sent ${show(actual)}, recorded ${show(expected)}`];
  }
  const expected = JSON.parse(recorded);
  const sentType = new Headers(init.headers).get("content-type");
  if (!sentType?.startsWith("application/json")) {
    return [`body: sent with Content-Type ${sentType ?? "(none)"}, not application/json`];
  }
  if (typeof sent !== "string") return [`body: sent ${show(sent)}, recorded ${show(expected)}`];
  let actual: unknown;
  try {
    actual = JSON.parse(sent);
  } catch {
    return [`body: sent ${show(sent)}, not JSON; recorded the JSON ${show(expected)}`];
  }
  return isDeepStrictEqual(actual, expected)
    ? []
    : [`body: sent ${show(actual)}, recorded ${show(expected)}`];
}

/** Differences between the request the SDK sent and the recorded one. */
async function compareRequest(
  interaction: Interaction,
  url: URL,
  init: RequestInit,
  expectedBody: string | undefined,
): Promise<string[]> {
  const problems: string[] = [];
  const method = init.method ?? "GET";
  if (method !== interaction.method) problems.push(`method: sent ${method}`);
  if (url.host !== interaction.url.host) problems.push(`host: sent ${url.host}`);
  const sentPath = url.pathname.split("/").map(decodeURIComponent);
  const recordedPath = interaction.url.pathname.split("/").map(decodeURIComponent);
  if (!isDeepStrictEqual(sentPath, recordedPath)) problems.push(`path: sent ${url.pathname}`);
  const sentQuery = queryPairs(url);
  const recordedQuery = queryPairs(interaction.url);
  if (!isDeepStrictEqual(sentQuery, recordedQuery)) {
    problems.push(`query: sent ${show(sentQuery)}, recorded ${show(recordedQuery)}`);
  }
  if (expectedBody !== undefined) {
    problems.push(...(await compareBody(interaction, expectedBody, init)));
  }
  return problems;
}

function recordedResponse(interaction: Interaction): Response {
  const headers: Record<string, string> = {};
  if (interaction.responseContentType !== undefined) {
    headers["content-type"] = interaction.responseContentType;
  }
  const body = NULL_BODY_STATUS.has(interaction.status) ? null : interaction.responseBody;
  return new Response(body, { status: interaction.status, headers });
}

function parsedBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function compareOutcome(
  interaction: Interaction,
  outcome: Promise<unknown>,
): Promise<string[]> {
  const expected = parsedBody(interaction.responseBody);
  const ok = interaction.status >= 200 && interaction.status < 300;
  try {
    const result = await outcome;
    if (!ok) return [`answer: resolved for a recorded ${interaction.status}`];
    return isDeepStrictEqual(result, expected)
      ? []
      : [`answer: resolved to ${show(result)}, recorded ${show(expected)}`];
  } catch (error) {
    if (ok) return [`answer: rejected (${String(error)}) for a recorded ${interaction.status}`];
    if (!(error instanceof ManagementApiError)) {
      return [`answer: rejected with ${String(error)}, not a ManagementApiError`];
    }
    const errorCode = (expected as { errorCode?: unknown } | undefined)?.errorCode;
    const problems: string[] = [];
    if (error.statusCode !== interaction.status) problems.push(`statusCode: ${error.statusCode}`);
    if (error.errorCode !== errorCode) {
      problems.push(`errorCode: ${show(error.errorCode)}, recorded ${show(errorCode)}`);
    }
    return problems;
  }
}

/**
 * Calls `operation` with `input` through a client whose fetch checks the request
 * against the recording and answers with the recorded response; resolves to every
 * difference found (none when the interaction conforms).
 */
export async function replay(
  interaction: Interaction,
  operation: AnyOperationEntry,
  input: Record<string, unknown>,
  expectedBody: string | undefined,
): Promise<string[]> {
  const problems: string[] = [];
  let sent = 0;
  const fetch = async (target: RequestInfo | URL, init: RequestInit = {}) => {
    sent++;
    const url = new URL(target instanceof Request ? target.url : String(target));
    problems.push(...(await compareRequest(interaction, url, init, expectedBody)));
    return recordedResponse(interaction);
  };
  const client = createManagementClient({
    domain: interaction.url.host,
    token: "conformance-token",
    retry: { maxRetries: 0 },
    fetch,
  });
  // A query parameter the recorded client sent but the document does not declare goes
  // through `options.query`, as a caller would send it.
  const declared: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (Object.hasOwn(operation.params, key)) declared[key] = value;
    else query[key] = value;
  }
  const options =
    Object.keys(query).length > 0 ? { query: query as CallOptions["query"] } : undefined;
  problems.push(...(await compareOutcome(interaction, operation.call(client, declared, options))));
  if (sent !== 1) problems.push(`sent ${sent} requests, not 1`);
  return problems;
}
