import type { ManagementClient as Client } from "../client.js";
import { createRule, deleteRule, getRule, listRules, updateRule } from "../generated/rules.js";
import type { Input } from "../operation.js";
import { callbackify } from "./callbackify.js";

/** The classic `RulesManager`. */
export class RulesManager {
  constructor(private readonly client: Client) {}

  /**
   * `GET /rules` (`enabled`, `fields`, `page`, `per_page`, `include_totals`).
   * @example const rules = await management.rules.getAll({ enabled: true });
   */
  readonly getAll = callbackify((params?: Input<"get_rules">) => listRules(this.client, params));

  /**
   * `GET /rules/{id}`.
   * @example const rule = await management.rules.get({ id });
   */
  readonly get = callbackify((params: Input<"get_rules_by_id">) => getRule(this.client, params));

  /**
   * `POST /rules`.
   * @example await management.rules.create({ name: "add-claims", script });
   */
  readonly create = callbackify((data: Input<"post_rules">["body"]) =>
    createRule(this.client, { body: data }),
  );

  /**
   * `PATCH /rules/{id}`.
   * @example await management.rules.update({ id }, { enabled: false });
   */
  readonly update = callbackify(
    (params: { id: string }, data: Input<"patch_rules_by_id">["body"]) =>
      updateRule(this.client, { id: params.id, body: data }),
  );

  /**
   * `DELETE /rules/{id}`.
   * @example await management.rules.delete({ id });
   */
  readonly delete = callbackify((params: { id: string }) =>
    deleteRule(this.client, { id: params.id }),
  );
}
