import { sandboxApi } from './api';
import { flag, h } from './dom';

/**
 * Jira Automation's THEN step running one of the app's actions, as the acting user (a rule's actor), with the
 * inputs a rule would pass ({{issue.key}} and typed text).
 */
export function automationButtons(issueKey: string, reload: () => void) {
  const run = async (action: string, inputs: Record<string, string>) => {
    try {
      const r = await sandboxApi<{
        result: { escalationId?: string; level?: number; errors?: Array<{ message: string }> };
      }>(`automation/${action}`, { issueKey, ...inputs });
      if (r.result.errors?.length)
        flag(`Automation rule failed: ${r.result.errors.map((e) => e.message).join('; ')}`, true);
      else flag(`Automation ran ${action}: ${r.result.escalationId} is at level ${r.result.level}.`);
      reload();
    } catch (e) {
      flag((e as Error).message, true);
    }
  };
  return h(
    'div',
    { className: 'row', 'aria-label': 'Jira Automation' },
    h('span', { className: 'label' }, 'Automation rule'),
    h(
      'button',
      {
        'data-automation': 'raise-escalation',
        onclick: () => {
          const description = window.prompt('Raise escalation: what is blocked?');
          if (!description) return;
          const departmentAsked = window.prompt('Department asked (id, e.g. rnd, legal, marketing)', 'rnd') ?? '';
          void run('raise-escalation', { description, departmentAsked });
        },
      },
      'THEN: raise escalation',
    ),
    h(
      'button',
      {
        'data-automation': 'climb-escalation',
        onclick: () => void run('climb-escalation', { note: 'Sandbox Automation rule' }),
      },
      'THEN: climb escalation',
    ),
  );
}
