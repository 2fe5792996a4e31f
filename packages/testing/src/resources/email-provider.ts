import { apiError } from "../errors";
import { projectFields } from "../pagination";
import type { ApiContext, Handlers } from "../router";
import type { Resource } from "../tenant-state";

/** Credential fields Auth0 keeps but never sends back (`smtp_pass` as recorded; the others alike). */
const secretCredentials = [
  "smtp_pass",
  "api_key",
  "secretAccessKey",
  "clientSecret",
  "connectionString",
];

function present(provider: Resource): Resource {
  const credentials = provider.credentials as Record<string, unknown> | undefined;
  if (credentials === undefined) return { ...provider };
  const shown = Object.fromEntries(
    Object.entries(credentials).filter(([key]) => !secretCredentials.includes(key)),
  );
  return { ...provider, credentials: shown };
}

function requireProvider(context: ApiContext): Resource {
  const provider = context.state.tenant.emailProvider;
  if (provider === undefined) {
    throw apiError(404, "There is not a configured email provider", "inexistent_email_provider");
  }
  return provider;
}

/** `/emails/provider` routes: one provider per tenant. */
export const emailProviderHandlers = {
  get_provider: {
    handle: (context) => ({
      status: 200,
      body: projectFields(present(requireProvider(context)), context.query),
    }),
  },
  post_provider: {
    audit: "Create the email provider",
    async handle(context) {
      const body = await context.input();
      if (context.state.tenant.emailProvider !== undefined) {
        throw apiError(409, "Email provider is already configured.");
      }
      context.state.tenant.emailProvider = body;
      return { status: 201, body: present(body) };
    },
  },
  patch_provider: {
    audit: "Update the email provider",
    async handle(context) {
      const provider = requireProvider(context);
      const body = await context.input();
      // New credentials replace the old ones, except a secret the update leaves out.
      const old = (provider.credentials ?? {}) as Record<string, unknown>;
      const kept = Object.fromEntries(
        secretCredentials.flatMap((k) => (k in old ? [[k, old[k]]] : [])),
      );
      const credentials =
        body.credentials === undefined ? old : { ...kept, ...(body.credentials as object) };
      const updated = { ...provider, ...body, credentials };
      context.state.tenant.emailProvider = updated;
      return { status: 200, body: present(updated) };
    },
  },
  delete_provider: {
    audit: "Delete the email provider",
    handle(context) {
      // 204 even when none is configured (as recorded).
      context.state.tenant.emailProvider = undefined;
      return { status: 204 };
    },
  },
} satisfies Handlers;
