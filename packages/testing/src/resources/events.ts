import type { EventLog } from "../event-log";
import type { Route } from "../router";

/** `GET /events`: the tenant's live event stream (see event-log.ts for what it follows). */
export function eventRoutes(log: EventLog): Route[] {
  return [
    {
      method: "GET",
      path: "/events",
      scopes: ["read:events"],
      handle: ({ query, request }) => ({
        status: 200,
        body: log.stream(
          query.get("from") ?? request.headers.get("last-event-id"),
          query.getAll("event_type"),
        ),
        headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
      }),
    },
  ];
}
