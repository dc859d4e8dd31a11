import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  evaluateJiraExpression,
  JiraEntityProperties,
  parseJiraExpression,
  type JiraExpression,
} from './jira-expression';
import type { IssueRow, JiraRepo, UserRow } from './repo';
import type { AppWorkflowModule, WorkflowRuleKind } from './types';

/**
 * Workflow rules of the fake site: transitions a Jira admin added to the workflow, and the app's Forge
 * conditions and validators the admin attached to transitions (Project settings → Workflows → transition →
 * Conditions / Validators). As in Jira, rules belong to a transition id, so a common transition (e.g. "Done"
 * from every status) carries its rules wherever it starts.
 *
 * Conditions are Jira expressions that Jira itself evaluates, with `user` (who looks at the transitions) and
 * `issue`; a condition that errors or returns anything but `true` hides the transition. Validators with a
 * `function` are run by the Forge platform; the sandbox hands them to `beforeTransition`. Validators written
 * as Jira expressions are refused when attached: the app has none, and the sandbox does not model the
 * transition-screen changes such an expression would see.
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-condition/
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/
 */
export interface TransitionRule {
  transitionId: string;
  kind: WorkflowRuleKind;
  moduleKey: string;
}

const DDL = `
CREATE TABLE IF NOT EXISTS jira_transition_rules (
  transition_id TEXT NOT NULL, kind TEXT NOT NULL, module_key TEXT NOT NULL, position INTEGER NOT NULL,
  PRIMARY KEY (transition_id, kind, module_key));
`;

const I18nText = z.union([z.string(), z.object({ i18n: z.string() })]);
const ManifestWorkflowModules = z.object({
  modules: z
    .object({
      'jira:workflowCondition': z.array(z.object({ key: z.string(), expression: z.string() }).passthrough()).optional(),
      'jira:workflowValidator': z
        .array(
          z
            .object({
              key: z.string(),
              function: z.string().optional(),
              expression: z.string().optional(),
              errorMessage: z.union([I18nText, z.object({ expression: z.string() })]).optional(),
            })
            .passthrough(),
        )
        .optional(),
    })
    .passthrough()
    .optional(),
});

/** The app's `jira:workflowCondition` and `jira:workflowValidator` modules from manifest.yml. */
export function loadAppWorkflowModules(manifestYamlPath: string): AppWorkflowModule[] {
  const m = ManifestWorkflowModules.parse(parse(readFileSync(manifestYamlPath, 'utf8')));
  return [
    ...(m.modules?.['jira:workflowCondition'] ?? []).map(
      (c): AppWorkflowModule => ({ kind: 'condition', moduleKey: c.key, expression: c.expression }),
    ),
    ...(m.modules?.['jira:workflowValidator'] ?? []).map(
      (v): AppWorkflowModule => ({
        kind: 'validator',
        moduleKey: v.key,
        ...(v.function ? { function: v.function } : {}),
        ...(v.expression ? { expression: v.expression } : {}),
      }),
    ),
  ];
}

export class JiraWorkflow {
  private readonly parsed = new Map<string, JiraExpression>();

  constructor(
    private readonly repo: JiraRepo,
    private readonly modules: readonly AppWorkflowModule[],
  ) {
    repo.db.exec(DDL);
  }

  /**
   * Adds a transition to the site's workflow, between two statuses named as Jira shows them. A transition id
   * may leave several statuses (a common transition); adding one that exists changes nothing.
   */
  addTransition(t: { id: string; name: string; from: string; to: string }): void {
    const status = (name: string): string => {
      const s = this.repo.statuses().find((x) => x.name === name);
      if (!s) throw new Error(`workflow: no status named '${name}'`);
      return s.id;
    };
    this.repo.run(
      'INSERT OR IGNORE INTO jira_transitions (id, name, from_status_id, to_status_id) VALUES (?, ?, ?, ?)',
      t.id,
      t.name,
      status(t.from),
      status(t.to),
    );
    this.repo.forgetConfig();
  }

  /**
   * Attaches one of the app's rules to a transition, as an admin does in the workflow editor. Checks what the
   * editor would: the module exists and is of that kind; and, here, that the sandbox can run it (a condition's
   * expression parses within the supported subset; a validator has a function).
   */
  attachRule(rule: TransitionRule): void {
    if (!this.repo.all<{ id: string }>('SELECT id FROM jira_transitions WHERE id = ?', rule.transitionId).length) {
      throw new Error(`workflow: no transition with id '${rule.transitionId}'`);
    }
    const mod = this.module(rule.kind, rule.moduleKey);
    if (rule.kind === 'condition') this.expression(mod);
    if (rule.kind === 'validator' && !mod.function) {
      throw new Error(
        `workflow: validator '${mod.moduleKey}' is a Jira expression; the sandbox runs function validators only`,
      );
    }
    const position =
      this.repo.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM jira_transition_rules WHERE transition_id = ?',
        rule.transitionId,
      )?.n ?? 0;
    this.repo.run(
      'INSERT OR IGNORE INTO jira_transition_rules (transition_id, kind, module_key, position) VALUES (?, ?, ?, ?)',
      rule.transitionId,
      rule.kind,
      rule.moduleKey,
      position,
    );
  }

  rules(transitionId: string): TransitionRule[] {
    return this.repo
      .all<{ transition_id: string; kind: WorkflowRuleKind; module_key: string }>(
        'SELECT transition_id, kind, module_key FROM jira_transition_rules WHERE transition_id = ? ORDER BY position',
        transitionId,
      )
      .map((r) => ({ transitionId: r.transition_id, kind: r.kind, moduleKey: r.module_key }));
  }

  hasConditions(transitionId: string): boolean {
    return this.rules(transitionId).some((r) => r.kind === 'condition');
  }

  /**
   * Whether every condition on the transition lets `viewerAccountId` see it for this issue. As in Jira, an
   * expression that fails or returns anything but `true` counts as `false` (Jira then sends
   * `avi:jira:failed:expression`; the sandbox logs the error).
   */
  conditionsAllow(transitionId: string, issue: IssueRow, viewerAccountId: string): boolean {
    const conditions = this.rules(transitionId).filter((r) => r.kind === 'condition');
    if (conditions.length === 0) return true;
    const context = { user: this.userView(this.repo.user(viewerAccountId)), issue: this.issueView(issue) };
    return conditions.every((c) => {
      const mod = this.module('condition', c.moduleKey);
      try {
        return evaluateJiraExpression(this.expression(mod), context) === true;
      } catch (e) {
        console.warn(
          `[jira-sandbox] workflow condition '${c.moduleKey}' failed on ${issue.key}: ${e instanceof Error ? e.message : String(e)}`,
        );
        return false;
      }
    });
  }

  /** The function validators on a transition, in the order the admin attached them. */
  functionValidators(transitionId: string): Array<{ moduleKey: string }> {
    return this.rules(transitionId)
      .filter((r) => r.kind === 'validator')
      .map((r) => ({ moduleKey: this.module('validator', r.moduleKey).moduleKey }));
  }

  private module(kind: WorkflowRuleKind, moduleKey: string): AppWorkflowModule {
    const mod = this.modules.find((m) => m.kind === kind && m.moduleKey === moduleKey);
    if (!mod)
      throw new Error(
        `workflow: the app declares no jira:workflow${kind === 'condition' ? 'Condition' : 'Validator'} '${moduleKey}'`,
      );
    return mod;
  }

  private expression(mod: AppWorkflowModule): JiraExpression {
    let ast = this.parsed.get(mod.moduleKey);
    if (!ast) {
      if (!mod.expression) throw new Error(`workflow: '${mod.moduleKey}' has no expression`);
      ast = parseJiraExpression(mod.expression);
      this.parsed.set(mod.moduleKey, ast);
    }
    return ast;
  }

  private userView(u: UserRow | undefined): Record<string, unknown> | null {
    return u ? { accountId: u.account_id, displayName: u.display_name, active: u.active === 1 } : null;
  }

  /**
   * The issue as Jira expressions see it: the fields the app's rules may name, its custom fields by id
   * (`customfield_10101`), user fields as Users and list fields as Lists.
   * @see https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/#issue
   */
  private issueView(row: IssueRow): Record<string, unknown> {
    const status = this.repo.status(row.status_id);
    const values = this.repo.fieldValues([row.id]).get(row.id) ?? new Map<string, string[]>();
    const person = (id: string | null): Record<string, unknown> | null =>
      id ? this.userView(this.repo.user(id)) : null;
    const custom = Object.fromEntries(
      this.repo.appFields().map((f) => {
        const raw = values.get(f.id) ?? [];
        const one = (v: string): unknown => (f.type === 'user' ? person(v) : f.type === 'number' ? Number(v) : v);
        return [f.id, f.collection === 'list' ? raw.map(one) : raw[0] === undefined ? null : one(raw[0])];
      }),
    );
    return {
      id: row.id,
      key: row.key,
      summary: row.summary,
      status: { id: Number(status.id), name: status.name },
      assignee: person(row.assignee),
      reporter: person(row.reporter),
      properties: new JiraEntityProperties(
        new Map(
          this.repo
            .propertyKeys(row.id)
            .map((k) => [k, JSON.parse(this.repo.property(row.id, k) ?? 'null') as unknown]),
        ),
      ),
      ...custom,
    };
  }
}
