/**
 * The `events` operations of the Management API: `@auth0-edge/management/events`.
 * {@link subscribeEvents} yields Auth0's events as they arrive (server-sent events), and
 * {@link streamEvents} does the same for any `text/event-stream` endpoint.
 *
 * @packageDocumentation
 * @module events
 */

export type { ServerSentEvent } from "../events/parser.js";
export { type EventStreamOptions, streamEvents } from "../events/stream-events.js";
export {
  type SubscribedEvent,
  type SubscribedEventData,
  type SubscribeEventsOptions,
  subscribeEvents,
} from "../events/subscribe-events.js";
export * from "../generated/events.js";
