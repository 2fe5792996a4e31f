import type { MiddlewarePlacement } from "./pipeline.js";

/**
 * A built-in observer of a client's calls, attempts and token grants, for the `observer`
 * option: made by `logTo()` of `@auth0-edge/management/logger`, `openTelemetry()` of
 * `@auth0-edge/management/opentelemetry`, or `observeWith()` for several. Unlike a
 * `middleware` step it also runs in token grants, so the client gives it only what it may
 * show: `redact` removes the client's secret and tokens from any value, as from errors.
 * It returns its steps, placed like `middleware` ones (before `telemetry` to watch a whole
 * call, after `retry` to watch each attempt), in the grant's pipeline too.
 */
export type ClientObserver = (redact: <T>(value: T) => T) => MiddlewarePlacement[];
