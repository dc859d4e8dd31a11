import type { JiraSandbox } from '../jira/jira-sandbox';

/** The app's workflow rule modules (manifest.yml) a Jira admin attaches to transitions. */
export const WORKFLOW_RULES = {
  /** `jira:workflowValidator`: refuses a transition until the issue has an Accountable and a Responsible. */
  raciComplete: 'raci-complete',
  /** `jira:workflowCondition`: offers a transition only to the Accountable. */
  onlyAccountable: 'only-accountable',
} as const;

/** Transition ids of the site's workflow: "Done" is the common transition into Done; "Approve" the admin's addition. */
export const TRANSITIONS = { done: '31', approve: '41' } as const;

/**
 * The workflow as the site admin sets it up for the app, in the workflow editor: an "Approve" transition from
 * In Progress to Done (the Accountable's acceptance, 验收) that only the Accountable is offered, and
 * the "RACI complete" validator on every transition into Done, so no work is closed without someone who
 * answers for it and someone who did it. Idempotent.
 */
export function seedWorkflowRules(jira: JiraSandbox): void {
  jira.admin.transaction(() => {
    jira.workflow.addTransition({ id: TRANSITIONS.approve, name: 'Approve', from: 'In Progress', to: 'Done' });
    jira.workflow.attachRule({
      transitionId: TRANSITIONS.approve,
      kind: 'condition',
      moduleKey: WORKFLOW_RULES.onlyAccountable,
    });
    for (const transitionId of [TRANSITIONS.done, TRANSITIONS.approve]) {
      jira.workflow.attachRule({ transitionId, kind: 'validator', moduleKey: WORKFLOW_RULES.raciComplete });
    }
  });
}
