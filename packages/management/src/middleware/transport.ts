import { NetworkError } from "../errors.js";
import type { Middleware } from "../pipeline.js";
import { deadlineSignal } from "../signals.js";

// Statuses whose responses cannot carry a body (the Response constructor refuses one).
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/**
 * Sends one attempt with `fetch` and reads the whole body, so that the attempt's
 * time budget covers the body too and later steps can read it more than once.
 * Redirects are not followed: the Management API does not redirect, and following
 * one could carry the bearer token to another host.
 */
export function createTransportStep(fetchImpl: typeof fetch): Middleware {
  return async (ctx) => {
    const { signal, dispose } = deadlineSignal(
      ctx.signal,
      ctx.attemptTimeoutMs,
      () => new DOMException(`attempt timed out after ${ctx.attemptTimeoutMs} ms`, "TimeoutError"),
    );
    try {
      const init: RequestInit & { duplex?: "half" } = {
        method: ctx.method,
        headers: ctx.headers,
        signal,
        redirect: "manual",
      };
      if (ctx.body !== undefined) init.body = ctx.body;
      const response = await fetchImpl(ctx.url, init);
      const body = NULL_BODY_STATUS.has(response.status) ? null : await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      // The caller's abort or the call's deadline: let it through as it is.
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const what = `[${ctx.method}] ${ctx.url.pathname}`;
      if (signal.aborted) {
        throw new NetworkError(
          `${what}: attempt ${ctx.attempt} got no answer within ${ctx.attemptTimeoutMs} ms`,
          error,
        );
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new NetworkError(`${what}: ${reason}`, error);
    } finally {
      dispose();
    }
  };
}
