import { describe, expect, it } from 'vitest';
import { asApp, asUser, createJiraHarness } from '../../sandbox/jira/test-support';
import { loadAppWorkflowModules } from '../../sandbox/jira/workflow';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { seedWorkflowRules, TRANSITIONS } from '../../sandbox/seed/workflow-seed';
import { MANIFEST_PATH } from '../../sandbox/platform';
import type { AppWorkflowModule, TransitionCheck } from '../../sandbox/jira/types';
import { createJiraSpecValidator } from '../support/openapi';
import { RACI_APPROVER_PROPERTY } from '../../src/adapters/forge/jira';

/**
 * The sandbox's Jira runs the workflow rules an admin attached: conditions (Jira expressions it evaluates
 * itself) hide transitions; function validators are handed, with Jira's payload, to `beforeTransition`.
 */
const wangLei = SEED_USERS.wangLei.accountId; // Accountable of AICS-7
const liNa = SEED_USERS.liNa.accountId; // Responsible of AICS-7
const MODULES = loadAppWorkflowModules(MANIFEST_PATH);

function harness(opts: { modules?: AppWorkflowModule[]; beforeTransition?: TransitionCheck } = {}) {
  const h = createJiraHarness({
    workflowModules: opts.modules ?? MODULES,
    ...(opts.beforeTransition ? { beforeTransition: opts.beforeTransition } : {}),
  });
  seedWorkflowRules(h.jira);
  return h;
}
type Transitions = { transitions: Array<{ id: string; name: string; isConditional: boolean }> };
const ids = (t: unknown) => (t as Transitions).transitions.map((x) => x.id);

describe('workflow rules in the sandbox’s Jira', () => {
  it('reads the app’s condition and validator from manifest.yml', () => {
    expect(MODULES).toEqual([
      {
        kind: 'condition',
        moduleKey: 'only-accountable',
        expression: expect.stringContaining(`issue.properties['${RACI_APPROVER_PROPERTY}']`),
      },
      { kind: 'validator', moduleKey: 'raci-complete', function: 'raci-complete-fn' },
    ]);
  });

  it('offers "Approve" only to the issue’s Accountable, marked conditional; others cannot run it either', async () => {
    const h = harness({ beforeTransition: async () => ({ ok: true }) });
    const spec = createJiraSpecValidator();
    // Until the app has mirrored the Accountable into the issue's property, the condition lets nobody approve.
    expect(ids((await h.call(asUser(wangLei), 'GET', '/rest/api/3/issue/AICS-7/transitions')).json)).toEqual([
      '11',
      '31',
    ]);
    const mirrored = await h.call(asApp, 'PUT', `/rest/api/3/issue/AICS-7/properties/${RACI_APPROVER_PROPERTY}`, {
      accountable: wangLei,
    });
    expect(mirrored.status).toBeLessThan(300);
    const forWang = await h.call(asUser(wangLei), 'GET', '/rest/api/3/issue/AICS-7/transitions');
    expect(spec.check('GET', '/rest/api/3/issue/AICS-7/transitions', 200, forWang.raw)).toBeNull();
    expect(ids(forWang.json)).toEqual(['11', '31', TRANSITIONS.approve]);
    expect((forWang.json as Transitions).transitions.find((t) => t.id === TRANSITIONS.approve)).toMatchObject({
      name: 'Approve',
      isConditional: true,
    });
    expect(ids((await h.call(asUser(liNa), 'GET', '/rest/api/3/issue/AICS-7/transitions')).json)).toEqual(['11', '31']);
    expect(ids((await h.call(asApp, 'GET', '/rest/api/3/issue/AICS-7/transitions')).json)).toEqual(['11', '31']);
    // Expanded with the issue, too.
    const issue = (await h.call(asUser(liNa), 'GET', '/rest/api/3/issue/AICS-7?fields=status&expand=transitions'))
      .json as Transitions;
    expect(ids(issue)).toEqual(['11', '31']);
    const refused = await h.call(asUser(liNa), 'POST', '/rest/api/3/issue/AICS-7/transitions', {
      transition: { id: TRANSITIONS.approve },
    });
    expect(refused.status).toBe(400);
    expect(h.events).toHaveLength(0);
    expect(
      (
        await h.call(asUser(wangLei), 'POST', '/rest/api/3/issue/AICS-7/transitions', {
          transition: { id: TRANSITIONS.approve },
        })
      ).status,
    ).toBe(204);
  });

  it('hands each function validator Jira’s payload, with the fields set on the transition; a refusal is Jira’s 400', async () => {
    const seen: Array<{ t: unknown; validators: unknown }> = [];
    const h = harness({
      beforeTransition: async (t, workflow) => {
        seen.push({ t, validators: workflow.validators });
        return { ok: false, message: 'Set an Accountable first.' };
      },
    });
    const accountable = h.jira.appFieldIds()['raci-accountable']!;
    const responsible = h.jira.appFieldIds()['raci-responsible']!;
    const res = await h.call(asUser(liNa), 'POST', '/rest/api/3/issue/AICS-8/transitions', {
      transition: { id: '31' },
      fields: { [accountable]: { accountId: wangLei }, [responsible]: [] },
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errorMessages: ['Set an Accountable first.'], errors: {} });
    expect(seen).toEqual([
      {
        t: { issueKey: 'AICS-8', transitionId: '31', actorAccountId: liNa },
        validators: [
          {
            moduleKey: 'raci-complete',
            payload: {
              issue: { key: 'AICS-8' },
              configuration: {},
              transition: {
                from: { id: '10000' },
                to: { id: '10001' },
                modifiedFields: { [accountable]: { accountId: wangLei }, [responsible]: null },
              },
            },
          },
        ],
      },
    ]);
    // Refused: nothing changed, nothing emitted.
    const f = (await h.call(asApp, 'GET', `/rest/api/3/issue/AICS-8?fields=status,${accountable}`)).json as {
      fields: Record<string, unknown>;
    };
    expect(f.fields).toMatchObject({ status: { name: 'To Do' }, [accountable]: null });
    expect(h.events).toHaveLength(0);
    // A transition without validators passes an empty list; field errors come before any validator.
    await h.call(asUser(liNa), 'POST', '/rest/api/3/issue/AICS-8/transitions', { transition: { id: '21' } });
    expect(seen.at(-1)?.validators).toEqual([]);
    const before = seen.length;
    const bad = await h.call(asUser(liNa), 'POST', '/rest/api/3/issue/AICS-8/transitions', {
      transition: { id: '31' },
      fields: { [accountable]: { accountId: 'ghost' } },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.json as { errors: object }).errors)).toEqual([accountable]);
    expect(seen.length).toBe(before);
  });

  it('fails a validator closed when nothing can run the app', async () => {
    const h = harness();
    const res = await h.call(asUser(liNa), 'POST', '/rest/api/3/issue/AICS-7/transitions', {
      transition: { id: '31' },
    });
    expect(res.status).toBe(400);
    expect((res.json as { errorMessages: string[] }).errorMessages[0]).toContain("'raci-complete' could not run");
    expect(h.events).toHaveLength(0);
    expect(
      (await h.call(asUser(liNa), 'POST', '/rest/api/3/issue/AICS-7/transitions', { transition: { id: '11' } })).status,
    ).toBe(204);
  });

  it('refuses to attach a rule it cannot run, and hides a transition whose condition errors', async () => {
    const h = createJiraHarness({
      workflowModules: [
        { kind: 'condition', moduleKey: 'bad-syntax', expression: 'issue.votes > 1' },
        { kind: 'condition', moduleKey: 'unknown-field', expression: 'issue.customfield_99999 == null' },
        { kind: 'validator', moduleKey: 'expr-validator', expression: 'issue.assignee != null' },
      ],
    });
    expect(() =>
      h.jira.workflow.attachRule({ transitionId: '21', kind: 'condition', moduleKey: 'bad-syntax' }),
    ).toThrow(/'>' at position 12/);
    expect(() =>
      h.jira.workflow.attachRule({ transitionId: '21', kind: 'validator', moduleKey: 'expr-validator' }),
    ).toThrow(/function validators only/);
    expect(() => h.jira.workflow.attachRule({ transitionId: '21', kind: 'condition', moduleKey: 'nope' })).toThrow(
      /declares no jira:workflowCondition 'nope'/,
    );
    expect(() =>
      h.jira.workflow.attachRule({ transitionId: '99', kind: 'condition', moduleKey: 'unknown-field' }),
    ).toThrow(/no transition with id '99'/);
    h.jira.workflow.attachRule({ transitionId: '21', kind: 'condition', moduleKey: 'unknown-field' });
    expect(ids((await h.call(asUser(liNa), 'GET', '/rest/api/3/issue/AICS-8/transitions')).json)).toEqual(['31']);
  });
});
