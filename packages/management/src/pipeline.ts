import { ConfigurationError } from "./errors.js";
import type { ResolvedRetryOptions } from "./retry-strategy.js";
import type { BodyLike } from "./web-types.js";

/** What every step of the pipeline sees of one call. Steps may change it for the steps after them. */
export interface RequestContext {
  method: string;
  /** The full URL. Steps after `auth` see the same URL; the token is only in `headers`. */
  url: URL;
  /** The path template of a `request` (`/users/{id}`), without its values; none for a token grant. */
  path?: string | undefined;
  headers: Headers;
  body: BodyLike | undefined;
  /** Aborts when the caller aborts or the call's time budget runs out. */
  signal: AbortSignal;
  /** Milliseconds since the epoch after which no new attempt or wait may start. */
  deadline: number;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Milliseconds spent waiting between attempts so far. */
  retryDelayMs: number;
  /**
   * The answer the transport step read, with its body parsed once: the step reads the
   * body inside the attempt's time budget, so the `Response` it returns is already read.
   */
  result?: { response: Response; value: unknown };
  /** Per-call overrides of the client's retry options. */
  retry: ResolvedRetryOptions;
  /** Per-attempt time budget in milliseconds. */
  attemptTimeoutMs: number;
  /** The call's time budget in milliseconds, for error messages. */
  timeoutMs: number;
  /** Free-form state for user middleware (and, under symbols, for observers). */
  state: Record<PropertyKey, unknown>;
}

/** How error messages name a call: `[GET] /api/v2/users/…`. */
export function callName(ctx: RequestContext): string {
  return `[${ctx.method}] ${ctx.url.pathname}`;
}

/**
 * One step: do something, call `next()` to run the rest of the pipeline, return a
 * Response. `next()` may be called again after the previous call settled (that is
 * how retries work); calling it while an earlier call is still pending is a bug and
 * throws.
 */
export type Middleware = (ctx: RequestContext, next: () => Promise<Response>) => Promise<Response>;

/** The built-in steps, in the order they run. */
export const STEP_NAMES = ["telemetry", "timeout", "retry", "auth", "transport"] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** Where to put one of your own steps. With neither `before` nor `after`, it goes right before `auth`. */
export interface MiddlewarePlacement {
  /** A name for your step, shown in errors about the pipeline. */
  name?: string;
  middleware: Middleware;
  before?: StepName;
  /** Any built-in step but `transport`, the last one: nothing runs after it. */
  after?: Exclude<StepName, "transport">;
}

export interface NamedStep {
  name: string;
  middleware: Middleware;
}

/** Puts user steps among the built-in ones. */
export function placeSteps(builtIns: NamedStep[], extra: MiddlewarePlacement[]): NamedStep[] {
  const steps = [...builtIns];
  for (const placement of extra) {
    const step = { name: placement.name ?? "custom", middleware: placement.middleware };
    const anchor = placement.before ?? placement.after ?? "auth";
    const index = steps.findIndex((s) => s.name === anchor);
    // The transport never calls `next`, and the event streams rely on it being last: a
    // step after it would never run.
    if (
      index < 0 ||
      (placement.after as string) === "transport" ||
      (placement.before !== undefined && placement.after !== undefined)
    ) {
      throw new ConfigurationError(
        `middleware "${step.name}": give \`before\` or \`after\` (not both), naming a built-in step, not after \`transport\``,
      );
    }
    steps.splice(placement.after !== undefined ? index + 1 : index, 0, step);
  }
  return steps;
}

/**
 * Runs the steps in order, each one's `next` calling the one after it. The runner is
 * built once per pipeline; a call allocates only each step's `next` (it holds the call
 * and its "pending" flag).
 */
export function compose(steps: readonly NamedStep[]): (ctx: RequestContext) => Promise<Response> {
  // No step follows the transport (it never calls `next`), so `index` never runs past the
  // end. Plain functions rather than async ones: a step's own promise is what travels, with
  // no wrapper per step; a step that throws instead of rejecting still rejects. The flag is
  // cleared by the first reaction to the answer, so before the step that awaits it resumes.
  const run = (ctx: RequestContext, index: number): Promise<Response> => {
    const step = steps[index]!;
    let pending = false;
    const done = () => {
      pending = false;
    };
    try {
      // `resolve` hands a step's promise back as it is; a step that answers at once is made one.
      return Promise.resolve(
        step.middleware(ctx, () => {
          if (pending) {
            return Promise.reject(
              new Error(`step "${step.name}" called next() while its previous call was pending`),
            );
          }
          pending = true;
          const answer = run(ctx, index + 1);
          answer.then(done, done);
          return answer;
        }),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return (ctx) => run(ctx, 0);
}
