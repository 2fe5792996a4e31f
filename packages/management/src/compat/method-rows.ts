import type { ManagementClient as Client } from "../client.js";
import { InvalidInputError } from "../errors.js";
import {
  callOperation,
  headerParameters,
  jsonStringBody,
  type OperationRequest,
} from "../operation.js";
import type { CallOptions, HttpMethod } from "../request.js";
import { type Callbackified, callbackify } from "./callbackify.js";
import { classicError } from "./classic-error.js";
import { type CallHook, hookedSignal } from "./steps.js";

/** A generated operation function: `getUser(client, input, options)`. */
export type Operation = (
  client: Client,
  // biome-ignore lint/suspicious/noExplicitAny: the rows hold operations of every input type.
  input?: any,
  options?: CallOptions,
) => Promise<unknown>;

/** How a compat call reaches the API, for the hand-written (`custom`) rows. */
export interface CallContext {
  readonly client: Client;
  /** Sends `input` through an operation, or through `callOperation` for `[method, path]`. */
  send(target: Target, input: Record<string, unknown>, hook?: CallHook): Promise<unknown>;
}

/** A manager method carried out by hand-written code (deleteAll, the user imports). */
export type Custom = (context: CallContext, args: unknown[]) => Promise<unknown>;

/**
 * What a row calls: a generated operation's request descriptor (or, for an upload, its
 * function), a custom function, or a method and path.
 */
export type Target = OperationRequest | Operation | Custom | readonly [HttpMethod, string];

/**
 * How the arguments of a classic call become an operation's input:
 * - `none`: no argument; `data`: the argument is the body;
 * - `params`: path keys and query from the first argument (`params+{}`: with a `{}` body,
 *   as the classic sent); `params+data`: and the second argument as the body;
 * - the few call shapes of their own: `email`, `metadata`, `link`, `deployVersion`,
 *   `customText`; `custom`: the target takes the arguments itself.
 */
export type Kind =
  | "none"
  | "data"
  | "params"
  | "params+{}"
  | "params+data"
  | "email"
  | "metadata"
  | "link"
  | "deployVersion"
  | "customText"
  | "custom";

export interface RowExtras {
  /** Classic path key → the document's name for it (`client_id` → `id`). */
  readonly rename?: Readonly<Record<string, string>>;
  /** Other names the classic accepted for a path key (`action_id` → `id`). */
  readonly alias?: Readonly<Record<string, string>>;
  /** The body when the call gives none (`{}` for every DELETE, as the classic sent). */
  readonly fallback?: object;
  /** The body key that wraps the data (`user_metadata`). */
  readonly wrap?: string;
}

/** One manager method: manager, method, call shape, target and the row's details. */
export type MethodRow = readonly [
  manager: string,
  method: string,
  kind: Kind,
  target: Target,
  extras?: RowExtras,
];

/** One flat method: its name, and the manager method it calls. */
export type FlatRow = readonly [name: string, manager: string, method: string];

type Values = Record<string, unknown>;

/**
 * Where an input keeps query keys that share a name with a path placeholder they do not
 * fill (an `id` beside `execution_id`): they go through `CallOptions.query`.
 */
const QUERY = Symbol("query");
type Input = Values & { [QUERY]?: Values };

/**
 * The first argument as input keys, by the classic's rules: function values are left
 * out, arrays are sent as comma lists, aliases and the document's path key names apply.
 * A string where the object goes is taken as `{ id }`, which the classic's documentation
 * showed for role ids (and v2.44.1 then dropped).
 */
function keysOf(params: unknown, extras: RowExtras | undefined): Input {
  if (params === undefined || params === null) return {};
  if (typeof params === "string") return keysOf({ id: params }, extras);
  if (typeof params !== "object" || Array.isArray(params)) {
    throw new InvalidInputError("the first argument must be an object of parameters");
  }
  const out: Input = {};
  const renamed = Object.values(extras?.rename ?? {});
  for (const [key, given] of Object.entries(params)) {
    if (typeof given === "function") continue;
    const value = Array.isArray(given) ? given.join(",") : given;
    const named = extras?.alias?.[key] ?? key;
    const target = extras?.rename?.[named];
    if (target !== undefined) out[target] = value;
    else if (renamed.includes(named)) out[QUERY] = { ...out[QUERY], [named]: value };
    else out[named] = value;
  }
  return out;
}

function inputOf(kind: Kind, args: unknown[], extras: RowExtras | undefined): Input {
  const [first, second] = args;
  switch (kind) {
    case "none":
      return {};
    case "data":
      return { body: first };
    case "params":
      return keysOf(first, extras);
    case "params+{}":
      return { ...keysOf(first, extras), body: {} };
    case "params+data":
      return { ...keysOf(first, extras), body: second ?? extras?.fallback };
    case "email":
      return { email: first, ...keysOf(second, extras) };
    case "metadata":
      return { ...keysOf(first, extras), body: { [extras!.wrap!]: second } };
    case "link": {
      // The seed's documentation example passed `{ id }` where v2.44.1 takes the id itself.
      const id = typeof first === "object" && first !== null ? (first as Values).id : first;
      if (typeof id !== "string" || id === "") {
        throw new InvalidInputError("`userId` must be the primary user's id, a non-empty string");
      }
      return { id, body: second };
    }
    case "deployVersion": {
      const { update_draft, ...rest } = (first ?? {}) as Values;
      return { ...keysOf(rest, extras), body: update_draft ? { update_draft } : {} };
    }
    default: {
      // customText: one object of prompt, language and the body; other keys are not sent.
      const { prompt, language, body } = (first ?? {}) as Values;
      if (typeof body !== "object" || body === null) {
        throw new InvalidInputError("`body` must be the object of custom texts");
      }
      return { ...keysOf({ prompt, language }, extras), body };
    }
  }
}

/** What a compat client gives the managers: its core client and its settings. */
export interface ManagerSettings {
  readonly client: Client;
  readonly includeResponseHeaders: boolean;
  /** Secrets that must never appear in an error (the client secret, a static token). */
  readonly secrets: readonly (string | undefined)[];
}

/**
 * The classic client sent any key an operation does not declare as a query parameter;
 * the generated functions refuse such keys, so they go through `CallOptions.query`.
 */
function splitUndeclared(operation: OperationRequest, input: Input): [Input, Values] {
  // `body` is the body whatever the operation declares: see `send`.
  const known = new Set([...Object.keys(operation.params), "body"]);
  const own: Input = {};
  const extra: Values = {};
  for (const [key, value] of Object.entries(input)) {
    if (known.has(key)) own[key] = value;
    else extra[key] = value;
  }
  return [own, extra];
}

/** A path the API document lacks: its placeholders come from the template, every other key is a query parameter. */
function undocumented(method: HttpMethod, path: string, input: Input): OperationRequest {
  const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const params: Record<string, "path" | "query" | "json"> = { body: "json" };
  for (const key of Object.keys(input)) if (key !== "body") params[key] = "query";
  for (const key of placeholders) params[key] = "path";
  return { method, path, params };
}

function contextOf(settings: ManagerSettings): CallContext {
  const { client } = settings;
  return {
    client,
    send(target, input: Input, hook) {
      let query = input[QUERY] as Values | undefined;
      let own: Input = input;
      const operation =
        typeof target === "object" && !Array.isArray(target)
          ? (target as OperationRequest)
          : undefined;
      if (operation) {
        const [declaredKeys, extra] = splitUndeclared(operation, input);
        own = declaredKeys;
        if (Object.keys(extra).length > 0) query = { ...extra, ...query };
      }
      const options =
        hook || query
          ? {
              ...(hook ? { signal: hookedSignal(hook) } : {}),
              ...(query ? { query: query as CallOptions["query"] } : {}),
            }
          : undefined;
      if (Array.isArray(target)) {
        return callOperation(client, undocumented(target[0], target[1], input), input, options);
      }
      if (!operation) return (target as Operation)(client, own, options);
      // The classic sent a body (`{}`) with every DELETE, and with POSTs the document gives
      // none: the same request goes out, through the operation's descriptor. As the
      // generated function does, header parameters become headers and a string body is
      // sent JSON-encoded.
      const sent: OperationRequest =
        own.body !== undefined && !operation.params.body
          ? { ...operation, params: { ...operation.params, body: "json" } }
          : operation;
      return callOperation(
        client,
        sent,
        ...jsonStringBody(...headerParameters(sent, own as { body?: unknown }, options)),
      );
    },
  };
}

type Manager = Record<string, Callbackified<unknown[], unknown>>;

/**
 * Builds every manager from its rows: each method turns its arguments into an input by
 * its kind, sends it, resolves with the body (or `{ data, headers }` with
 * `includeResponseHeaders`) and rejects with an error shaped as the classic's; and
 * each one also takes a node-style callback.
 */
export function buildManagers(
  settings: ManagerSettings,
  rows: readonly MethodRow[],
): Record<string, Manager> {
  const context = contextOf(settings);
  const managers: Record<string, Manager> = {};
  for (const [manager, method, kind, target, extras] of rows) {
    const call = async (...args: unknown[]): Promise<unknown> => {
      try {
        if (kind === "custom") return await (target as Custom)(context, args);
        const input = inputOf(kind, args, extras);
        if (!settings.includeResponseHeaders) return await context.send(target, input);
        const hook: CallHook = {};
        const data = await context.send(target, input, hook);
        return { data, headers: hook.headers ?? {} };
      } catch (error) {
        throw classicError(error, settings.client.apiBase, settings.secrets);
      }
    };
    managers[manager] ??= {};
    managers[manager][method] = callbackify(call);
  }
  return managers;
}

/** Puts the flat methods on the client's prototype, each calling its manager method. */
export function attachFlatMethods(prototype: object, rows: readonly FlatRow[]): void {
  for (const [name, manager, method] of rows) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      writable: true,
      value(this: Record<string, Manager>, ...args: unknown[]) {
        return this[manager]![method]!(...args);
      },
    });
  }
}
