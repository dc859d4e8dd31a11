import { describe, expect, it } from 'vitest';
import type { Deps, Jira, JiraIssue, Store } from '../../src/app/kernel/ports';
import { AppError } from '../../src/app/kernel/errors';
import { ENTITY, KEY } from '../../src/app/kernel/storage-keys';
import {
  automationActorLocale,
  newEscalationId,
  raiseByAutomation,
} from '../../src/app/escalations/raise-by-automation';
import { handleAutomationClimb, handleAutomationRaise } from '../../src/entry/automation';
import type { EscalationRecord } from '../../src/domain/escalations/escalation';

/** Automation's use case and glue on in-memory ports: a Store on a Map, and the Jira calls they make, recorded. */
const NOW = Date.UTC(2026, 2, 2, 2, 0); // a Monday, 10:00 in Shanghai

function memoryStore(): Store & { kv: Map<string, unknown> } {
  const kv = new Map<string, unknown>();
  const k = (key: string, entity?: string) => (entity ? `${entity}/${key}` : key);
  return {
    kv,
    get: async <T>(key: string) => kv.get(key) as T | undefined,
    getEntity: async <T>(entity: string, key: string) => kv.get(k(key, entity)) as T | undefined,
    getMany: async (items) => items.map((i) => kv.get(k(i.key, i.entity))),
    set: async (key, value) => void kv.set(key, value),
    setEntity: async (entity, key, value) => void kv.set(k(key, entity), value),
    transact: async (ops) => {
      for (const op of ops) {
        if (op.kind === 'set') kv.set(k(op.key, op.entity), op.value);
        else kv.delete(k(op.key, op.entity));
      }
    },
    // Only the issue's escalations are queried here: answered from what was written, newest first.
    queryEntity: async <T>(q: { entity: string; partition: ReadonlyArray<unknown> }) => ({
      items: [...kv.entries()]
        .filter(([key, v]) => key.startsWith(`${q.entity}/`) && (v as { issueId?: string }).issueId === q.partition[0])
        .map(([key, value]) => ({ key, value: value as T }))
        .reverse(),
    }),
    getSecret: async () => undefined,
    setSecret: async () => undefined,
    setIfAbsent: async () => true,
    delete: async (key) => void kv.delete(key),
  };
}

const ISSUE: JiraIssue = {
  id: '10015',
  key: 'PAY-15',
  projectId: '10001',
  projectKey: 'PAY',
  summary: 'Regression environment',
  statusName: 'In Progress',
  statusCategory: 'indeterminate',
  dueDate: null,
  fixVersionIds: ['20001'],
  raci: { responsible: [], accountable: null, consulted: [], informed: [] },
  people: [],
};

/** Deps whose Jira answers the issue read (as the user) and the actor's language, and records every call. */
function deps(opts: { hidden?: boolean; actorLocale?: string | null; projectAdmin?: boolean } = {}) {
  const calls: string[] = [];
  const store = memoryStore();
  store.kv.set(`${ENTITY.departmentDirectory}/${KEY.departmentDirectory}`, {
    version: 1,
    updatedAt: 0,
    updatedBy: 'admin',
    departments: [
      {
        id: 'rnd',
        nameZh: '研发部',
        nameEn: 'R&D',
        headAccountId: 'acc-head',
        interfaceAccountId: 'acc-iface',
        memberAccountIds: [],
        jiraGroup: null,
        responseHours: 24,
        version: 1,
        updatedAt: 0,
        updatedBy: 'admin',
      },
    ],
  });
  const jira: Partial<Jira> = {
    getIssue: async (as, key) => {
      calls.push(`getIssue ${as} ${key}`);
      if (opts.hidden || key !== ISSUE.key) throw new AppError('NOT_FOUND', 'notFound.issue', { key });
      return ISSUE;
    },
    setEscalationFields: async (updates) =>
      void calls.push(`setEscalationFields ${updates.map((u) => u.issueIds.join()).join()}`),
    notify: async (as, key, n) => void calls.push(`notify ${as} ${key} ${n.toAccountIds.join()}`),
    getUserLocale: async (as, accountId) => {
      calls.push(`getUserLocale ${as} ${accountId}`);
      return opts.actorLocale ?? null;
    },
    // The rule's actor administers the project unless a test says otherwise (climbing needs it or a level).
    hasPermissions: async (as, scope, permissions) => {
      calls.push(`hasPermissions ${as} ${scope.projectKey ?? scope.issueKey} ${permissions.join()}`);
      return Object.fromEntries(
        permissions.map((x) => [x, x === 'ADMINISTER_PROJECTS' && opts.projectAdmin !== false]),
      ) as Record<(typeof permissions)[number], boolean>;
    },
  };
  const d: Deps = {
    store,
    jira: new Proxy(jira as Jira, {
      get: (t, p) =>
        (t as unknown as Record<string | symbol, unknown>)[p] ??
        (() => Promise.reject(new Error(`unexpected Jira call ${String(p)}`))),
    }),
    clock: { now: () => NOW },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
  return { deps: d, calls, store };
}

const input = { issueKey: 'PAY-15', description: '回归测试环境不可用', departmentAsked: 'rnd' };

describe('raiseByAutomation', () => {
  it('reads the issue as the rule’s actor and raises at level 1 in their name, with a fresh id', async () => {
    const { deps: d, calls, store } = deps();
    const rec = await raiseByAutomation(d, 'acc-actor', input);
    expect(calls[0]).toBe('getIssue user PAY-15');
    expect(rec).toMatchObject({
      issueId: '10015',
      issueKey: 'PAY-15',
      projectKey: 'PAY',
      level: 1,
      status: 'open',
      source: 'automation',
      raisedBy: 'acc-actor',
      description: input.description,
      impact: '',
      supportNeeded: '',
      departmentAsked: 'rnd',
      requestedDeadline: '',
      dependencyId: '',
      versionIds: ['20001'],
    });
    expect(rec.id).toMatch(new RegExp(`^esc-${NOW.toString(36)}-[a-z0-9]{1,6}$`));
    expect(store.kv.get(`${ENTITY.escalation}/${rec.id}`)).toMatchObject({ id: rec.id, level: 1 });
    // The issue's fields follow, and the level-1 holder (the asked department's interface person) hears.
    expect(calls).toContain('setEscalationFields 10015');
    expect(calls).toContain('notify app PAY-15 acc-iface');
  });

  it('an issue the actor may not see is NOT_FOUND, and nothing is written', async () => {
    const { deps: d, store } = deps({ hidden: true });
    const size = store.kv.size;
    await expect(raiseByAutomation(d, 'acc-actor', input)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      messageId: 'notFound.issue',
      params: { key: 'PAY-15' },
    });
    expect(store.kv.size).toBe(size);
  });

  it('two escalations raised in the same millisecond get different ids', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newEscalationId(NOW)));
    expect(ids.size).toBe(50);
  });
});

describe('automationActorLocale', () => {
  it('takes the invocation’s locale when Forge gives one, without asking Jira', async () => {
    const { deps: d, calls } = deps({ actorLocale: 'en_US' });
    expect(await automationActorLocale(d, { accountId: 'acc-actor', locale: 'zh-CN' })).toBe('zh');
    expect(calls).toEqual([]);
  });
  it('else the actor’s Jira language, else English', async () => {
    expect(
      await automationActorLocale(deps({ actorLocale: 'zh_CN' }).deps, { accountId: 'acc-actor', locale: null }),
    ).toBe('zh');
    expect(
      await automationActorLocale(deps({ actorLocale: null }).deps, { accountId: 'acc-actor', locale: null }),
    ).toBe('en');
    expect(await automationActorLocale(deps({ actorLocale: 'zh_CN' }).deps, { accountId: null, locale: null })).toBe(
      'en',
    );
  });
});

describe('the Automation actions’ glue', () => {
  const context = { principal: { accountId: 'acc-actor' } };

  it('a refused input is the contract’s validation message, in the actor’s language', async () => {
    const zh = deps({ actorLocale: 'zh_CN' });
    expect(await handleAutomationRaise(zh.deps, { issueKey: 'PAY-15', departmentAsked: 'rnd' }, context)).toEqual({
      errors: [{ message: '字段“description”无效：必填' }],
    });
    expect(zh.calls).toEqual(['getUserLocale app acc-actor']);
    const en = deps({ actorLocale: 'en_US' });
    expect(
      await handleAutomationRaise(en.deps, { issueKey: 'pay 15', description: 'x', departmentAsked: 'rnd' }, context),
    ).toEqual({ errors: [{ message: 'Field "issueKey" is invalid: expected an issue key such as PAY-12' }] });
  });

  it('a failed use case is translated the same way; a successful one costs no language lookup', async () => {
    const zh = deps({ actorLocale: 'zh_CN', hidden: true });
    expect(await handleAutomationRaise(zh.deps, input, context)).toEqual({
      errors: [{ message: '工作项 PAY-15 不存在，或您没有查看权限。' }],
    });
    const ok = deps({ actorLocale: 'zh_CN' });
    const raised = (await handleAutomationRaise(ok.deps, input, context)) as { escalationId: string; level: number };
    expect(raised).toEqual({ escalationId: expect.stringMatching(/^esc-/), level: 1 });
    expect(ok.calls.filter((c) => c.startsWith('getUserLocale'))).toEqual([]);
    const climbed = await handleAutomationClimb(ok.deps, { issueKey: 'PAY-15', note: 'still blocked' }, context);
    expect(climbed).toMatchObject({ escalationId: raised.escalationId, level: 2 });
    expect((ok.store.kv.get(`${ENTITY.escalation}/${raised.escalationId}`) as EscalationRecord).level).toBe(2);
  });

  it('a rule whose actor neither holds the level nor administers the project does not climb', async () => {
    const none = deps({ projectAdmin: false });
    const raised = (await handleAutomationRaise(none.deps, input, context)) as { escalationId: string };
    const refused = (await handleAutomationClimb(
      none.deps,
      { issueKey: 'PAY-15', note: 'still blocked' },
      context,
    )) as { errors?: unknown[] };
    expect(refused.errors).toHaveLength(1);
    expect(none.calls).toContain('hasPermissions user PAY ADMINISTER_PROJECTS');
    expect((none.store.kv.get(`${ENTITY.escalation}/${raised.escalationId}`) as EscalationRecord).level).toBe(1);
  });
});
