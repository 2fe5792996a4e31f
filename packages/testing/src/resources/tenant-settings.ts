import { projectFields } from "../pagination";
import type { Handlers } from "../router";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Objects merge key by key at every depth (`flags` keeps the flags an update leaves out); anything else is replaced. */
function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>) {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (isObject(value) && isObject(current)) deepMerge(current, value);
    else target[key] = value;
  }
}

/** `/tenants/settings` routes. */
export const tenantSettingsHandlers = {
  tenant_settings_route: {
    handle: (context) => ({
      status: 200,
      body: projectFields(context.state.tenant.settings, context.query),
    }),
  },
  patch_settings: {
    audit: "Update tenant settings",
    async handle(context) {
      const body = await context.input();
      deepMerge(context.state.tenant.settings, structuredClone(body));
      return { status: 200, body: context.state.tenant.settings };
    },
  },
} satisfies Handlers;
