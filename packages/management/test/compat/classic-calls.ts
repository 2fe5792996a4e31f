import { expect } from "vitest";
import surface from "../../data/classic-surface.json" with { type: "json" };
import type { Answer, Recorded } from "./loopback-server.js";

type MethodRow = (typeof surface.managerMethods)[number];

/** The request a classic call must send, as the loopback server records it. */
export interface ExpectedRequest {
  method: string;
  path: string;
  query: Recorded["query"];
  body: unknown;
}

/** One call of the conformance and differential suites, derived from one row of the data file. */
export interface CallCase {
  /** `users.get`, or `getUser → users.get` for a flat method. */
  label: string;
  /** Where the call is made: a manager method (`["users", "get"]`) or a flat method (`["getUser"]`). */
  on: readonly [string] | readonly [string, string];
  /** A fresh copy of the arguments for every call (the classic wrote into its arguments). */
  args: () => unknown[];
  expected: ExpectedRequest[];
  /** What the server answers for this case (default: 200 `{ "ok": true }`). */
  answer?: (request: Recorded) => Answer | undefined;
  /** What the call resolves to, for the server's default answer. */
  resolves: unknown;
}

/** Keys every call with a params object also sends: left over, they go to the query string. */
const EXTRA = { fields: "name", list: ["a", "b"], flag: true };
const EXTRA_QUERY = { fields: "name", list: "a,b", flag: "true" };
export const USERS_JSON = JSON.stringify([{ email: "ada@example.com", email_verified: true }]);

function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, key: string) => encodeURIComponent(values[key]!));
}

/** Keys a row needs besides its path keys: the classic refused the call without them. */
function requiredKeys(row: MethodRow): Record<string, string> {
  if (row.query.startsWith("`identifier`")) return { identifier: "ada@example.com" };
  if (row.query.startsWith("`email`")) return { email: "ada@example.com" };
  return {};
}

function caseOf(
  row: MethodRow,
  pathValue: (key: string) => string,
): Omit<CallCase, "label" | "on"> {
  const qualified = `${row.manager}.${row.method}`;
  const values = Object.fromEntries(row.pathKeys.map((k) => [k, pathValue(k)]));
  const required = requiredKeys(row);
  const params = { ...values, ...required, ...EXTRA };
  const query = { ...required, ...EXTRA_QUERY };
  // user_id: the classic's jobs.verifyEmail refused data without it.
  const data = { marker: qualified, user_id: "auth0|1", nested: { n: 1 } };
  const path = fill(row.path, values);
  const request = (query: Recorded["query"], body: unknown): ExpectedRequest[] => [
    { method: row.http, path, query, body },
  ];
  const shape = row.args.map((a) => a.replace("?", "")).join(",");
  switch (qualified) {
    case "users.getByEmail":
      return {
        args: () => ["ada@example.com", { fields: "email" }],
        expected: request({ email: "ada@example.com", fields: "email" }, undefined),
        resolves: { ok: true },
      };
    case "users.link":
      return {
        args: () => ["auth0|primary", { provider: "auth0", user_id: "secondary" }],
        expected: [
          {
            method: "POST",
            path: "/users/auth0%7Cprimary/identities",
            query: {},
            body: { provider: "auth0", user_id: "secondary" },
          },
        ],
        resolves: { ok: true },
      };
    case "users.deleteAll":
      // DELETE /users is gone from the API: the compat layer lists and deletes (see the README).
      return {
        args: () => [],
        expected: [
          {
            method: "GET",
            path: "/users",
            query: { page: "0", per_page: "100", fields: "user_id", include_fields: "true" },
            body: undefined,
          },
        ],
        answer: () => ({ body: [] }),
        resolves: undefined,
      };
    case "jobs.importUsers":
    case "jobs.importUsersJob": {
      const fields = {
        users: USERS_JSON,
        connection_id: "con_1",
        upsert: "false",
        send_completion_email: "true",
      };
      return {
        args: () => [{ connection_id: "con_1", users_json: USERS_JSON }],
        expected: request({}, fields),
        resolves:
          row.method === "importUsers"
            ? expect.objectContaining({ data: { ok: true }, status: 200 })
            : { ok: true },
      };
    }
    case "actions.deployVersion":
      return {
        args: () => [{ ...params, update_draft: true }],
        expected: request(query, { update_draft: true }),
        resolves: { ok: true },
      };
    case "prompts.updateCustomTextByLanguage":
      return {
        args: () => [{ ...values, body: data }],
        expected: request({}, data),
        resolves: { ok: true },
      };
  }
  const wrap = /^`\{ (\w+): metadata \}`$/.exec(row.body)?.[1];
  if (wrap) {
    return {
      args: () => [params, data],
      expected: request(query, { [wrap]: data }),
      resolves: { ok: true },
    };
  }
  if (shape === "")
    return { args: () => [], expected: request({}, undefined), resolves: { ok: true } };
  if (shape === "data" || shape === "token") {
    return { args: () => [data], expected: request({}, data), resolves: { ok: true } };
  }
  if (shape === "params") {
    return {
      args: () => [params],
      expected: request(query, row.body === "`{}`" ? {} : undefined),
      resolves: { ok: true },
    };
  }
  if (shape === "params,data" || shape === "params,payload") {
    return {
      args: () => [params, data],
      expected: request(query, data),
      resolves: { ok: true },
    };
  }
  throw new Error(`no conformance case for ${qualified} ${row.callShape}`);
}

/**
 * Every manager method of the data file as a call case, and every flat method that calls
 * one with its target's case. `pathValue` gives the value of each path key.
 */
export function callCases(pathValue: (key: string) => string): {
  managerCases: CallCase[];
  flatCases: CallCase[];
} {
  const managerCases = surface.managerMethods.map((row) => {
    const built = caseOf(row, pathValue);
    // A fresh copy per call: the classic wrote into the objects it was given.
    return {
      label: `${row.manager}.${row.method}`,
      on: [row.manager, row.method] as const,
      ...built,
      args: () => structuredClone(built.args()),
    };
  });
  const flatCases = surface.flatMethods.flatMap((row) => {
    const target = managerCases.find((c) => c.label === row.target);
    return target
      ? [{ ...target, label: `${row.method} → ${row.target}`, on: [row.method] as const }]
      : [];
  });
  return { managerCases, flatCases };
}

/** Calls a case's method on a client, with a promise or with a node-style callback. */
export function callOn(
  client: object,
  on: CallCase["on"],
  args: unknown[],
  style: "promise" | "callback",
): Promise<unknown> {
  const holder = (on.length === 2 ? (client as Record<string, unknown>)[on[0]] : client) as Record<
    string,
    (...a: unknown[]) => unknown
  >;
  const name = on[on.length - 1]!;
  if (style === "promise") return holder[name]!(...args) as Promise<unknown>;
  return new Promise((resolve, reject) => {
    const returned = holder[name]!(...args, (error: Error | null, result?: unknown) =>
      error ? reject(error) : resolve(result),
    );
    if (returned !== undefined)
      reject(new Error(`${name} returned a value as well as calling back`));
  });
}
