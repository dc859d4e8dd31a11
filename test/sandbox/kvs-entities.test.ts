import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sort as SortOrder } from '@forge/kvs';
import { KvsEngine } from '../../sandbox/kvs/engine';
import {
  ENTITIES,
  expectApiError,
  loadForgeKvs,
  newMemoryEngine,
  raw,
  START_CLOCK,
  unloadForgeKvs,
  type ForgeKvs,
  type Task,
} from './kvs-harness';

let forge: ForgeKvs;
let engine: KvsEngine;
let clock = START_CLOCK;

beforeAll(async () => {
  forge = await loadForgeKvs(() => engine);
});

beforeEach(() => {
  clock = START_CLOCK;
  engine = newMemoryEngine(() => clock);
});

afterAll(unloadForgeKvs);

describe('Custom Entity Store', () => {
  async function seedTasks(): Promise<void> {
    const { kvs } = forge;
    const tasks = kvs.entity<Task>('task');
    const statuses = ['blocked', 'done', 'open', 'open-review'];
    for (let i = 1; i <= 12; i += 1) {
      await tasks.set(`a-${String(i).padStart(2, '0')}`, {
        project: 'A',
        status: statuses[i % 4] ?? 'open',
        priority: i,
        score: i / 2,
        done: i % 4 === 1,
        title: i % 3 === 0 ? `Fix ${i}` : `Build ${i}`,
        tags: i % 2 === 0 ? ['even', 'x'] : ['odd'],
      });
    }
    await tasks.set('b-01', { project: 'B', status: 'open', priority: 5 });
  }

  it('sets, gets and deletes entities, validating attributes', async () => {
    const { kvs } = forge;
    const tasks = kvs.entity<Task>('task');
    await tasks.set('t-1', { project: 'A', status: 'open', priority: 3, done: false });
    expect(await tasks.get('t-1')).toEqual({ project: 'A', status: 'open', priority: 3, done: false });
    expect(await kvs.get('t-1')).toBeUndefined();
    await expectApiError(
      tasks.set('t-2', { project: 'A', status: 'open', priority: 1.5 }),
      'INVALID_ENTITY_VALUE',
      400,
    );
    await expectApiError(
      tasks.set('t-2', { project: 'A', status: 'open', priority: 2 ** 31 }),
      'INVALID_ENTITY_VALUE',
      400,
    );
    await expectApiError(
      tasks.set('t-2', { project: 'A', status: 'open', priority: 1, owner: 'x' } as Task),
      'INVALID_ENTITY_VALUE',
      400,
    );
    expect(await tasks.get('t-2')).toBeUndefined();
    await tasks.delete('t-1');
    expect(await tasks.get('t-1')).toBeUndefined();
    await expect(tasks.delete('t-1')).resolves.toBeUndefined();
  });

  it('rejects unknown entities and unknown indexes with clear errors', async () => {
    const { kvs } = forge;
    await expectApiError(kvs.entity('ghost').set('k', { a: 1 }), 'INVALID_ENTITY_TYPE', 400);
    await expectApiError(kvs.entity('ghost').get('k'), 'INVALID_ENTITY_TYPE', 400);
    const unknownIndex = raw('/api/v1/entity/query', { entityName: 'task', indexName: 'by-nothing' });
    expect(unknownIndex.status).toBe(400);
    expect(unknownIndex.json).toMatchObject({ code: 'INVALID_ENTITY_INDEX' });
    expect(JSON.stringify(unknownIndex.json)).toContain('by-project-priority');
    await expectApiError(
      kvs.entity<Task>('task').query().index('by-project-priority').getMany(),
      'INVALID_ENTITY_INDEX',
      400,
    );
  });

  it('queries an index by partition and range conditions', async () => {
    await seedTasks();
    const { kvs, WhereConditions } = forge;
    const byProject = () =>
      kvs
        .entity<Task>('task')
        .query()
        .index('by-project-priority', { partition: ['A'] });
    const keys = async (builder: ReturnType<typeof byProject>): Promise<string[]> =>
      (await builder.limit(100).getMany()).results.map((result) => result.key);
    expect(await keys(byProject().where(WhereConditions.between(3, 5)))).toEqual(['a-03', 'a-04', 'a-05']);
    expect(await keys(byProject().where(WhereConditions.greaterThan(10)))).toEqual(['a-11', 'a-12']);
    expect(await keys(byProject().where(WhereConditions.greaterThanEqualTo(12)))).toEqual(['a-12']);
    expect(await keys(byProject().where(WhereConditions.lessThan(2)))).toEqual(['a-01']);
    expect(await keys(byProject().where(WhereConditions.lessThanEqualTo(2)))).toEqual(['a-01', 'a-02']);
    expect(await keys(byProject().where(WhereConditions.equalTo(5)))).toEqual(['a-05']);
    const b = await kvs
      .entity<Task>('task')
      .query()
      .index('by-project-priority', { partition: ['B'] })
      .getMany();
    expect(b.results).toEqual([{ key: 'b-01', value: { project: 'B', status: 'open', priority: 5 } }]);
    const openish = await kvs
      .entity<Task>('task')
      .query()
      .index('by-project-status', { partition: ['A'] })
      .where(WhereConditions.beginsWith('open'))
      .limit(100)
      .getMany();
    expect(openish.results.map((result) => result.value.status)).toEqual([
      'open',
      'open',
      'open',
      'open-review',
      'open-review',
      'open-review',
    ]);
    const shorthand = await kvs
      .entity<Task>('task')
      .query()
      .index('priority')
      .where(WhereConditions.equalTo(5))
      .getMany();
    expect(shorthand.results.map((result) => result.key).sort()).toEqual(['a-05', 'b-01']);
    const byKey = await kvs
      .entity<Task>('task')
      .query()
      .index('by-key')
      .where(WhereConditions.beginsWith('a-1'))
      .getMany();
    expect(byKey.results.map((result) => result.key)).toEqual(['a-10', 'a-11', 'a-12']);
  });

  it('filters with and / or on other attributes', async () => {
    await seedTasks();
    const { kvs, Filter, FilterConditions } = forge;
    const query = () =>
      kvs
        .entity<Task>('task')
        .query()
        .index('by-project-priority', { partition: ['A'] })
        .limit(100);
    const keys = async (builder: ReturnType<typeof query>): Promise<string[]> =>
      (await builder.getMany()).results.map((result) => result.key);
    const andFilter = new Filter<Task>()
      .and('status', FilterConditions.equalTo('open'))
      .and('score', FilterConditions.greaterThan(2));
    expect(await keys(query().filters(andFilter))).toEqual(['a-06', 'a-10']);
    const orFilter = new Filter<Task>()
      .or('title', FilterConditions.beginsWith('Fix'))
      .or('done', FilterConditions.equalTo(true));
    expect(await keys(query().filters(orFilter))).toEqual(['a-01', 'a-03', 'a-05', 'a-06', 'a-09', 'a-12']);
    const contains = new Filter<Task>()
      .and('tags', FilterConditions.contains('even'))
      .and('title', FilterConditions.contains('ild 1'));
    expect(await keys(query().filters(contains))).toEqual(['a-10']);
    const notEqual = new Filter<Task>()
      .and('status', FilterConditions.notEqualTo('open'))
      .and('priority', FilterConditions.between(1, 4));
    expect(await keys(query().filters(notEqual))).toEqual(['a-01', 'a-03', 'a-04']);
    const existence = new Filter<Task>().and('score', FilterConditions.notExists());
    expect(await keys(kvs.entity<Task>('task').query().index('priority').limit(100).filters(existence))).toEqual([
      'b-01',
    ]);
    const both = { entityName: 'task', indexName: 'priority', filters: { and: [], or: [] } };
    expect(raw('/api/v1/entity/query', both).json).toMatchObject({ code: 'INVALID_FILTER_OPERATORS_COMBINATION' });
    const empty = { entityName: 'task', indexName: 'priority', filters: { and: [] } };
    expect(raw('/api/v1/entity/query', empty).json).toMatchObject({ code: 'EMPTY_FILTER_OPERATOR' });
  });

  it('sorts both ways and follows the cursor to the end with a limit', async () => {
    await seedTasks();
    const { kvs, Sort } = forge;
    const collect = async (sort: SortOrder): Promise<{ keys: string[]; pages: number }> => {
      const keys: string[] = [];
      let pages = 0;
      let cursor: string | undefined;
      do {
        let query = kvs
          .entity<Task>('task')
          .query()
          .index('by-project-priority', { partition: ['A'] })
          .sort(sort)
          .limit(5);
        if (cursor) query = query.cursor(cursor);
        const page = await query.getMany();
        pages += 1;
        keys.push(...page.results.map((result) => result.key));
        cursor = page.nextCursor;
      } while (cursor);
      return { keys, pages };
    };
    const ascending = await collect(Sort.ASC);
    expect(ascending).toEqual({
      keys: Array.from({ length: 12 }, (_, i) => `a-${String(i + 1).padStart(2, '0')}`),
      pages: 3,
    });
    const descending = await collect(Sort.DESC);
    expect(descending.keys).toEqual([...ascending.keys].reverse());
    const top = await kvs
      .entity<Task>('task')
      .query()
      .index('by-project-priority', { partition: ['A'] })
      .sort(Sort.DESC)
      .getOne();
    expect(top?.key).toBe('a-12');
  });

  it('answers a partition + range query over 100,000 entities exactly', async () => {
    const db = new Database(':memory:');
    engine = new KvsEngine(db, ENTITIES, { now: () => clock });
    db.transaction(() => {
      for (let batch = 0; batch < 4000; batch += 1) {
        const items = Array.from({ length: 25 }, (_, i) => {
          const n = batch * 25 + i;
          return { key: `e-${n}`, entityName: 'task', value: { project: `P${n % 100}`, status: 'open', priority: n } };
        });
        const response = engine.handle('/api/v1/batch/set', JSON.stringify(items));
        if (response.status !== 200 || JSON.parse(response.body).failedKeys.length > 0) throw new Error(response.body);
      }
    })();
    const { kvs, WhereConditions } = forge;
    let keys: string[] = [];
    for (let run = 0; run < 2; run += 1) {
      const page = await kvs
        .entity<Task>('task')
        .query()
        .index('by-project-priority', { partition: ['P42'] })
        .where(WhereConditions.between(50_000, 51_000))
        .limit(100)
        .getMany();
      keys = page.results.map((result) => result.key);
    }
    // Speed is bench's business (docs/architecture.md); here, the same exact answer from a large store, twice.
    expect(keys).toEqual(Array.from({ length: 10 }, (_, i) => `e-${50_042 + i * 100}`));
  }, 60_000);
});
