import { apiError } from "../errors";
import { randomAlphanumeric } from "../ids";
import { projectFields, readBoolean } from "../pagination";
import type { ApiContext, Handlers } from "../router";
import type { Rule, TenantStores } from "../tenant-state";
import { listAnswer } from "./listing";

/** The rule or Auth0's 404 `inexistent_rule` (as recorded). */
function requireRule(state: TenantStores, id: string): Rule {
  const rule = state.rules.get(id);
  if (rule === undefined) throw apiError(404, "The rule does not exist", "inexistent_rule");
  return rule;
}

function checkNameFree(state: TenantStores, name: string, except?: string) {
  for (const rule of state.rules.values()) {
    if (rule.id !== except && rule.name === name) {
      throw apiError(409, "A rule with the same name already exists.");
    }
  }
}

/** A rule in the recorded key order. */
function present(rule: Rule): Rule {
  const { id, enabled, script, name, order, stage } = rule;
  return { id, enabled, script, name, order, stage };
}

async function createRule(context: ApiContext) {
  const body = await context.input();
  checkNameFree(context.state, body.name as string);
  // Without `order`, a new rule runs after every existing one.
  const last = Math.max(0, ...[...context.state.rules.values()].map((rule) => rule.order));
  const rule = present({
    id: `rul_${randomAlphanumeric(16)}`,
    enabled: (body.enabled as boolean | undefined) ?? true,
    script: body.script as string,
    name: body.name as string,
    order: (body.order as number | undefined) ?? last + 1,
    stage: "login_success",
  });
  context.state.rules.set(rule.id, rule);
  return { status: 201, body: rule };
}

/** `/rules` routes, listed by `order`. */
export const ruleHandlers = {
  get_rules: {
    handle(context) {
      const enabled = context.query.has("enabled")
        ? readBoolean(context.query, "enabled", true)
        : undefined;
      const rules = [...context.state.rules.values()]
        .filter((rule) => enabled === undefined || rule.enabled === enabled)
        .sort((a, b) => a.order - b.order);
      return listAnswer(rules, context.query, { key: "rules" });
    },
  },
  post_rules: {
    audit: "Create a rule",
    handle: createRule,
  },
  get_rules_by_id: {
    handle: (context) => ({
      status: 200,
      body: projectFields(requireRule(context.state, context.params.id!), context.query),
    }),
  },
  patch_rules_by_id: {
    audit: "Update a rule",
    async handle(context) {
      const rule = requireRule(context.state, context.params.id!);
      const body = await context.input();
      if (typeof body.name === "string") checkNameFree(context.state, body.name, rule.id);
      Object.assign(rule, body);
      return { status: 200, body: rule };
    },
  },
  delete_rules_by_id: {
    audit: "Delete a rule",
    handle(context) {
      // Deleting an unknown rule answers 204 again (as recorded).
      context.state.rules.delete(context.params.id!);
      return { status: 204 };
    },
  },
} satisfies Handlers;
