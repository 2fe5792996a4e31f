import { createManagementClient } from "@auth0-edge/management";
import { logTo, observeWith } from "@auth0-edge/management/logger";
import { openTelemetry } from "@auth0-edge/management/opentelemetry";
import { operations } from "@auth0-edge/management/operations";

// Spans go to the global tracer provider your OpenTelemetry SDK registered.
const traced = createManagementClient({
  domain: "my-tenant.eu.auth0.com",
  clientId: "YOUR_CLIENT_ID",
  clientSecret: "YOUR_CLIENT_SECRET",
  observer: openTelemetry(),
});

// Tracing and logging at once, with auth0.operation_id on every span (the table holds every operation).
const both = createManagementClient({
  domain: "my-tenant.eu.auth0.com",
  clientId: "YOUR_CLIENT_ID",
  clientSecret: "YOUR_CLIENT_SECRET",
  observer: observeWith(openTelemetry({ operations }), logTo(console)),
});

export { both, traced };
