import type { ManagementClient } from "../client.js";
import type { SubscribeEventsInput, SubscribeEventsResult } from "../generated/types/events.js";
import type { CallOptions } from "../request.js";
import type { ServerSentEvent } from "./parser.js";
import { type EventStreamOptions, openEvents, STREAM_OPTION_KEYS } from "./stream-events.js";

/** What an event's `data` holds: its `offset` (the cursor to resume from) and the CloudEvent; its type is the event's name. */
export type SubscribedEventData = SubscribeEventsResult extends infer C
  ? C extends unknown
    ? Omit<C, "type">
    : never
  : never;
/** One event of `GET /events`: `event` is its type (`user.created`, …, `offset-only` for a heartbeat). */
export type SubscribedEvent = ServerSentEvent<SubscribedEventData>;
/** The options of {@link subscribeEvents}: a call's, and how the stream is read and resumed. */
export type SubscribeEventsOptions = CallOptions & EventStreamOptions;

/**
 * Subscribes to the tenant's events (`GET /events`, scope `read:events`) and yields each
 * one as it arrives, from one connection that stays open. After a dropped connection it
 * resumes where it was: with `Last-Event-ID` and, as Auth0 asks, the last event's
 * `offset` as `from` (in place of `from_timestamp`). See {@link streamEvents} for
 * time-outs, reconnection limits and abort. Exported from `@auth0-edge/management/events`.
 *
 * @example
 * ```ts
 * import { subscribeEvents } from "@auth0-edge/management/events";
 *
 * const stop = new AbortController();
 * for await (const { event, data } of subscribeEvents(client, { event_type: ["user.created"] }, { signal: stop.signal })) {
 *   if (event === "user.created") console.log("new user", data.offset);
 * }
 * ```
 */
export function subscribeEvents(
  client: ManagementClient,
  input: SubscribeEventsInput = {},
  options: SubscribeEventsOptions = {},
): AsyncGenerator<SubscribedEvent, void, undefined> {
  const call: Record<string, unknown> = {};
  const stream: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    (STREAM_OPTION_KEYS.includes(key) ? stream : call)[key] = value;
  }
  return openEvents<SubscribedEventData>(
    client,
    (last) => {
      const offset = (last?.data as { offset?: unknown } | undefined)?.offset;
      const query =
        typeof offset === "string"
          ? { ...input, from: offset, from_timestamp: undefined }
          : { ...input };
      return {
        ...(call as CallOptions),
        method: "GET",
        path: "/events",
        query: { ...(call as CallOptions).query, ...query } as never,
      };
    },
    stream,
  );
}
