import { createManagementClient } from "@auth0-edge/management";
import { subscribeEvents } from "@auth0-edge/management/events";

const client = createManagementClient({
  domain: "my-tenant.eu.auth0.com",
  clientId: "YOUR_CLIENT_ID",
  clientSecret: "YOUR_CLIENT_SECRET",
});

const stop = new AbortController();
const events = subscribeEvents(
  client,
  { event_type: ["user.created", "user.deleted"] },
  { signal: stop.signal, idleTimeoutMs: 60_000, maxReconnects: 5 },
);
for await (const { id, event, data } of events) {
  // `event` is the type; `data` holds the CloudEvent and its `offset` (the cursor).
  console.log(id, event, "event" in data ? data.event : data);
  if (event === "user.deleted") stop.abort(); // ends the loop at once and closes the connection
}
