import { NetworkError } from "../errors.js";
import type { Middleware, MiddlewarePlacement } from "../pipeline.js";
import { readResult } from "../response.js";

/** What one compat call wants to know of its answer, or to be done instead of sending. */
export interface CallHook {
  /** Answer with the bearer token the auth step set instead of sending (getAccessToken). */
  probe?: boolean;
  status?: number;
  statusText?: string;
  headers?: Record<string, string>;
}

// The call's own signal is the one thing of a call that reaches the first step unchanged.
const hooks = new WeakMap<AbortSignal, CallHook>();
const HOOK = "auth0-edge:compat-hook";

/** A signal for one call that lets the compat steps find its hook. */
export function hookedSignal(hook: CallHook): AbortSignal {
  const signal = new AbortController().signal;
  hooks.set(signal, hook);
  return signal;
}

/**
 * A failure on its way out of the pipeline: inside, an error that the retry step must not
 * retry (a compat client retries 429 answers only, as the classic did); at the way out,
 * with the request it belongs to. Not an Error, so no retry rule can mistake it for a
 * network failure; the managers unwrap it.
 */
export class Unretried {
  constructor(
    readonly error: unknown,
    readonly request?: { method: string; url: string },
  ) {}
}

const observe: Middleware = async (ctx, next) => {
  const hook = hooks.get(ctx.signal);
  if (hook) ctx.state[HOOK] = hook;
  let response: Response;
  try {
    response = await next();
  } catch (error) {
    const cause = error instanceof Unretried ? error.error : error;
    throw new Unretried(cause, { method: ctx.method, url: ctx.url.origin + ctx.url.pathname });
  }
  if (hook) {
    hook.status = response.status;
    hook.statusText = response.statusText;
    hook.headers = {};
    response.headers.forEach((value, name) => {
      hook.headers![name] = value;
    });
  }
  return response;
};

const probe: Middleware = (ctx, next) => {
  if (!(ctx.state[HOOK] as CallHook | undefined)?.probe) return next();
  const token = ctx.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
  return Promise.resolve(
    new Response(JSON.stringify(token), { headers: { "content-type": "application/json" } }),
  );
};

const onlyRateLimitsRetried: Middleware = async (ctx, next) => {
  let response: Response;
  try {
    response = await next();
  } catch (error) {
    throw error instanceof NetworkError ? new Unretried(error) : error;
  }
  if (response.status < 400 || response.status === 429) return response;
  // An error answer always rejects here, as the typed error the core would have made of it.
  throw new Unretried(
    await readResult(ctx, response).then(
      () => undefined,
      (error) => error,
    ),
  );
};

/**
 * The compat layer's own steps in the core pipeline: the first one records the final
 * answer's status and headers for calls that ask (`includeResponseHeaders`, the user
 * imports); one after the retry step hands every answer but a 429 (and every network
 * error) straight to the caller, unless `retryTransient` is set; one before the
 * transport answers getAccessToken's probe with the token the auth step obtained.
 */
export function compatSteps(retryTransient: boolean): MiddlewarePlacement[] {
  return [
    { name: "compat-observe", middleware: observe, before: "telemetry" },
    ...(retryTransient
      ? []
      : [{ name: "compat-429-only", middleware: onlyRateLimitsRetried, after: "retry" as const }]),
    { name: "compat-token-probe", middleware: probe, before: "transport" },
  ];
}
