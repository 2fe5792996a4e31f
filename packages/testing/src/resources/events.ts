import type { Handlers } from "../router";

/**
 * `GET /events` (`subscribe_events`): the tenant's live event stream (see event-log.ts for
 * what it follows). Resumes after `from`, or after the `Last-Event-ID` a reconnecting
 * client sends.
 */
export const eventHandlers = {
  subscribe_events: {
    handle: ({ query, request, events }) => ({
      status: 200,
      body: events.stream(
        query.get("from") ?? request.headers.get("last-event-id"),
        query.getAll("event_type"),
      ),
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
    }),
  },
} satisfies Handlers;
