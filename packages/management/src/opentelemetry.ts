/**
 * `@auth0-edge/management/opentelemetry`: {@link openTelemetry}, spans for the client's
 * calls, attempts and token grants. Needs `@opentelemetry/api` (an optional peer
 * dependency, `^1.3.0`); a bundle that does not import this entry holds none of it.
 *
 * @packageDocumentation
 * @module opentelemetry
 */
import {
  type Attributes,
  type Context,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import { type ObservedCall, type ObservedOutcome, observer } from "./observe/hooks.js";
import type { ClientObserver } from "./observer.js";
import type { AnyOperationEntry } from "./operation.js";
import { VERSION } from "./version.js";

export type { ClientObserver } from "./observer.js";

export interface OpenTelemetryOptions {
  /** Where spans go. Default: the global tracer provider. */
  tracerProvider?: TracerProvider;
  /**
   * The operations table (`@auth0-edge/management/operations`), to set `auth0.operation_id`
   * on each span. The generated functions do not carry their id at run time, so without it
   * the attribute is left out; it is opt-in because the table holds every operation.
   */
  operations?: Readonly<Record<string, Pick<AnyOperationEntry, "method" | "path">>>;
}

interface CallState {
  span: Span;
  ctx: Context;
}

function attributesOf(call: ObservedCall, operationId: string | undefined): Attributes {
  const attributes: Attributes = {
    "http.request.method": call.method,
    "url.template": call.path,
    "server.address": call.host.replace(/:\d+$/, ""),
  };
  const port = /:(\d+)$/.exec(call.host)?.[1];
  if (port) attributes["server.port"] = Number(port);
  if (operationId) attributes["auth0.operation_id"] = operationId;
  return attributes;
}

/** Status, error and rate-limit attributes of an outcome, and the span's status. */
function finish(span: Span, out: ObservedOutcome): void {
  if (out.status !== undefined) span.setAttribute("http.response.status_code", out.status);
  for (const [name, value] of [
    ["auth0.rate_limit.limit", out.rateLimitLimit],
    ["auth0.rate_limit.remaining", out.rateLimitRemaining],
    ["auth0.rate_limit.reset", out.rateLimitResetAt],
    ["auth0.request_id", out.requestId],
  ] as const) {
    if (value !== undefined) span.setAttribute(name, value);
  }
  const errorType =
    out.error ?? (out.status !== undefined && out.status >= 400 ? String(out.status) : undefined);
  if (errorType !== undefined) {
    span.setAttribute("error.type", errorType);
    span.setStatus({ code: SpanStatusCode.ERROR, message: out.message });
  }
  span.end();
}

/**
 * Traces the client with OpenTelemetry, following the HTTP client semantic conventions:
 * one `CLIENT` span per call (a child of the caller's active context) and one per attempt
 * (a child of the call's span), with `http.request.method`, `url.template`,
 * `server.address`, `http.response.status_code`, `http.request.resend_count` (on
 * retries), `error.type`, the rate-limit attributes (`auth0.rate_limit.*`),
 * `auth0.request_id` and, given the operations table, `auth0.operation_id`; and a span
 * for each token grant. Each attempt carries the trace context in its headers through
 * the registered propagator (W3C `traceparent` when one is set up). No span holds a body,
 * a header, a credential or a filled path.
 *
 * @example
 * ```ts
 * import { createManagementClient } from "@auth0-edge/management";
 * import { openTelemetry } from "@auth0-edge/management/opentelemetry";
 *
 * const client = createManagementClient({ domain, clientId, clientSecret, observer: openTelemetry() });
 * ```
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): ClientObserver {
  let tracer: Tracer | undefined;
  const getTracer = () =>
    (tracer ??= (options.tracerProvider ?? trace.getTracerProvider()).getTracer(
      "@auth0-edge/management",
      VERSION,
    ));
  let ids: Map<string, string> | undefined;
  const operationId = (call: ObservedCall) => {
    if (!options.operations || call.kind === "grant") return undefined;
    ids ??= new Map(
      Object.entries(options.operations).map(([id, e]) => [`${e.method} /api/v2${e.path}`, id]),
    );
    return ids.get(`${call.method} ${call.path}`);
  };
  const nameOf = (call: ObservedCall) =>
    call.kind === "grant" ? "auth0 token grant" : `${call.method} ${call.path}`;

  return observer<CallState, Span>({
    callStart(call) {
      const parent = context.active();
      const span = getTracer().startSpan(
        nameOf(call),
        { kind: SpanKind.CLIENT, attributes: attributesOf(call, operationId(call)) },
        parent,
      );
      return { span, ctx: trace.setSpan(parent, span) };
    },
    attemptStart(attempt, call, setHeader) {
      const attributes = attributesOf(attempt, operationId(attempt));
      if (attempt.attempt > 1) attributes["http.request.resend_count"] = attempt.attempt - 1;
      const span = getTracer().startSpan(
        nameOf(attempt),
        { kind: SpanKind.CLIENT, attributes },
        call?.ctx ?? context.active(),
      );
      propagation.inject(trace.setSpan(call?.ctx ?? context.active(), span), undefined, {
        set: (_carrier, key, value) => setHeader(key, value),
      });
      return span;
    },
    attemptEnd(attempt, _call, span) {
      if (span) finish(span, attempt);
    },
    callEnd(call, state) {
      if (!state) return;
      state.span.setAttribute("auth0.attempts", call.attempts);
      finish(state.span, call);
    },
  });
}
