/**
 * `@auth0-edge/management/ofetch`: {@link ofetchTransport}, which lets a client send its
 * requests through an app's own ofetch instance (Nuxt's and Nitro's `$fetch`, with its
 * interceptors), while the client's pipeline still owns retries, time-outs and errors.
 *
 * The default stays plain `fetch`: every runtime has it, and ofetch would add about 3 KB
 * gzip to a bundle that does not need its conveniences (JSON bodies, base URLs, retries),
 * which this client provides itself.
 *
 * @packageDocumentation
 * @module ofetch
 */
import type { FetchLike } from "./web-types.js";

/** The part of an ofetch instance (`ofetch`, `$fetch`, `ofetch.create(…)`) this adapter uses. */
export interface OfetchLike {
  raw(
    request: string,
    options: {
      method: string;
      headers: Headers;
      body?: Uint8Array;
      signal: AbortSignal;
      redirect: RequestRedirect;
      retry: false;
      timeout: undefined;
      ignoreResponseError: true;
      responseType: "stream";
    },
  ): Promise<Response & { _data?: unknown }>;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for the client's `fetch` option that sends through `$fetch`: its `onRequest` and
 * `onResponse` hooks run, but it neither retries, times out, throws on an error status nor
 * parses the body (the client does each of those once, by its own rules). A network failure
 * comes out as the runtime's own error, as from `fetch`.
 *
 * @example
 * ```ts
 * import { createManagementClient } from "@auth0-edge/management";
 * import { ofetchTransport } from "@auth0-edge/management/ofetch";
 * import { ofetch } from "ofetch";
 *
 * const client = createManagementClient({
 *   domain: "my-tenant.eu.auth0.com",
 *   clientId: "…",
 *   clientSecret: "…",
 *   fetch: ofetchTransport(ofetch.create({ onRequest: ({ request }) => console.log(String(request)) })),
 * });
 * ```
 */
export function ofetchTransport($fetch: OfetchLike): FetchLike {
  return async (input, init) => {
    const request = new Request(input, init);
    // Bytes, not an object or a string: ofetch sends those as they are, serialising nothing.
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    let response: Response & { _data?: unknown };
    try {
      response = await $fetch.raw(request.url, {
        method: request.method,
        headers: request.headers,
        body,
        signal: request.signal,
        redirect: request.redirect,
        retry: false,
        timeout: undefined,
        ignoreResponseError: true,
        responseType: "stream",
      });
    } catch (error) {
      // ofetch wraps the runtime's failure in its FetchError: hand back the original.
      const cause = (error as { cause?: unknown }).cause;
      throw cause instanceof Error ? cause : error;
    }
    const stream = response._data ?? response.body;
    return new Response(NULL_BODY.has(response.status) ? null : (stream as ReadableStream | null), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
