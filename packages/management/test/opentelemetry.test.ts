import { context, propagation, type TextMapPropagator, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { operations } from "../src/generated/operations.js";
import { getUser } from "../src/generated/users.js";
import { request } from "../src/index.js";
import { openTelemetry } from "../src/opentelemetry.js";
import { emulatedTenant } from "./support/emulator.js";
import { CLIENT_SECRET } from "./support/secrets.js";

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const manager = new AsyncLocalStorageContextManager();

/** Writes the active span as a W3C `traceparent`, as the SDK's propagator does. */
const traceparent: TextMapPropagator = {
  inject(ctx, carrier, setter) {
    const span = trace.getSpanContext(ctx);
    if (span) setter.set(carrier, "traceparent", `00-${span.traceId}-${span.spanId}-01`);
  },
  extract: (ctx) => ctx,
  fields: () => ["traceparent"],
};

beforeAll(() => {
  context.setGlobalContextManager(manager.enable());
  propagation.setGlobalPropagator(traceparent);
});
afterAll(() => {
  context.disable();
  propagation.disable();
});
beforeEach(() => exporter.reset());

const spans = () => exporter.getFinishedSpans();
const named = (name: string) => spans().filter((s) => s.name === name);
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe("OpenTelemetry", () => {
  it("makes a client span per call, one per attempt and one per token grant, with the HTTP client attributes, under the caller's span", async () => {
    const tenant = emulatedTenant({ rateLimit: { limit: 50, windowSeconds: 60 } });
    const headers: (string | null)[] = [];
    const client = tenant.client({
      observer: openTelemetry({ tracerProvider: provider, operations }),
      retry: { baseDelayMs: 1 },
      fetch: (input, init) => {
        headers.push(new Headers(init?.headers).get("traceparent"));
        return tenant.fetch(input, init);
      },
    });
    tenant.emulator.failNext({ status: 429, headers: { "retry-after": "0" } });
    const caller = provider.getTracer("test").startSpan("caller");
    await context.with(trace.setSpan(context.active(), caller), () =>
      getUser(client, { id: "auth0|nobody" }).catch(() => undefined),
    );
    caller.end();

    const [grant] = named("auth0 token grant");
    const calls = named("GET /api/v2/users/{id}");
    expect(grant).toBeDefined();
    expect(grant!.attributes).toMatchObject({
      "http.request.method": "POST",
      "url.template": "/oauth/token",
      "http.response.status_code": 200,
    });
    // The call and its three attempts: 429, then 404.
    const call = calls.find((s) => parentOf(s) === caller.spanContext().spanId)!;
    const attempts = calls.filter((s) => parentOf(s) === call.spanContext().spanId);
    expect(call.kind).toBe(2 /* SpanKind.CLIENT */);
    expect(call.attributes).toMatchObject({
      "http.request.method": "GET",
      "url.template": "/api/v2/users/{id}",
      "server.address": "tenant.example.auth0.com",
      "http.response.status_code": 404,
      "error.type": "404",
      "auth0.operation_id": "get_users_by_id",
      "auth0.attempts": 2,
    });
    expect(
      attempts.map((s) => [
        s.attributes["http.response.status_code"],
        s.attributes["http.request.resend_count"],
        s.attributes["error.type"],
      ]),
    ).toEqual([
      [429, undefined, "429"],
      [404, 1, "404"],
    ]);
    expect(attempts[1]!.attributes["auth0.rate_limit.remaining"]).toBeTypeOf("number");
    expect(attempts[1]!.attributes["auth0.rate_limit.limit"]).toBe(50);
    expect(call.spanContext().traceId).toBe(caller.spanContext().traceId);
    // Each attempt sent its own span as the trace context.
    const apiHeaders = headers.filter((h, i) => h !== null && i > 0);
    expect(apiHeaders).toEqual(
      attempts.map((s) => `00-${s.spanContext().traceId}-${s.spanContext().spanId}-01`),
    );
    expect(JSON.stringify(spans().map((s) => s.attributes))).not.toContain("nobody");
  });

  it("records a failed attempt's error type with its message redacted of the secret and tokens", async () => {
    const tenant = emulatedTenant();
    let failOnce = true;
    const client = tenant.client({
      observer: openTelemetry({ tracerProvider: provider }),
      retry: { baseDelayMs: 1 },
      fetch: async (input, init) => {
        if (String(input instanceof Request ? input.url : input).includes("/api/v2/") && failOnce) {
          failOnce = false;
          throw new TypeError(
            `reset while sending ${new Headers(init?.headers).get("authorization")} ${CLIENT_SECRET}`,
          );
        }
        return tenant.fetch(input, init);
      },
    });
    await request(client, { method: "GET", path: "/users" });
    const failed = spans().find((s) => s.attributes["error.type"] === "ERR_NETWORK")!;
    expect(failed.status.message).toContain("Bearer [REDACTED] [REDACTED]");
    expect(failed.attributes["auth0.operation_id"]).toBeUndefined();
    const text = JSON.stringify(spans().map((s) => [s.name, s.attributes, s.status, s.events]));
    for (const secret of tenant.secrets()) expect(text).not.toContain(secret);
  });
});
