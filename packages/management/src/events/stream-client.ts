import { INTERNALS, internalsOf, type ManagementClient } from "../client.js";
import { attemptError } from "../middleware/transport.js";
import { compose, type Middleware } from "../pipeline.js";
import { parseBody } from "../response.js";
import { attemptSignal } from "../signals.js";
import type { FetchLike } from "../web-types.js";

/**
 * The transport of a stream: like the client's, but a 2xx answer is handed on unread (its
 * value is the `Response`), so only the wait for its headers is timed. An error answer is
 * read and parsed as usual, for the client's typed errors.
 */
function streamTransport(fetchImpl: FetchLike): Middleware {
  return async (ctx) => {
    const { signal, dispose } = attemptSignal(ctx, ctx.attemptTimeoutMs);
    try {
      const response = await fetchImpl(ctx.url, {
        method: ctx.method,
        headers: ctx.headers,
        signal,
        redirect: "manual",
      });
      const value = response.ok ? response : parseBody(ctx, response, await response.text());
      ctx.result = { response, value };
      return response;
    } catch (error) {
      throw attemptError(ctx, signal.aborted, error);
    } finally {
      dispose();
    }
  };
}

const streaming = new WeakMap<object, ManagementClient>();

/**
 * The same client — token, retries, time-outs, your steps — with the stream transport in
 * place of its own: `request` through it resolves to the unread `Response` of a 2xx answer.
 */
export function streamingClient(client: ManagementClient): ManagementClient {
  const internals = internalsOf(client);
  let found = streaming.get(internals);
  if (!found) {
    const steps = [...internals.steps];
    steps[steps.length - 1] = { name: "transport", middleware: streamTransport(internals.fetch) };
    found = Object.defineProperty({ ...client }, INTERNALS, {
      value: { ...internals, send: compose(steps) },
    }) as ManagementClient;
    streaming.set(internals, found);
  }
  return found;
}
