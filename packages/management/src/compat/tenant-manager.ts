import type { ManagementClient as Client } from "../client.js";
import { getTenantSettings, updateTenantSettings } from "../generated/tenants.js";
import type { Input } from "../operation.js";
import { callbackify } from "./callbackify.js";

/** The classic `TenantManager`. */
export class TenantManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /tenants/settings` (`fields`, `include_fields`).
   * @example const settings = await management.tenant.getSettings();
   */
  readonly getSettings = callbackify((params?: Input<"tenant_settings_route">) =>
    getTenantSettings(this.client, params),
  );

  /**
   * `PATCH /tenants/settings`.
   * @example await management.tenant.updateSettings({ friendly_name: "Acme" });
   */
  readonly updateSettings = callbackify((data: Input<"patch_settings">["body"]) =>
    updateTenantSettings(this.client, { body: data }),
  );
}
