import type { IssuePanelView, ProjectSummary } from '@contract';

/** Shared by the unit tests and the render harness. Times are fixed so screenshots are repeatable. */
export const AS_OF = '2025-03-10T09:00:00.000Z';

const person = (accountId: string, displayName: string, active = true) => ({ accountId, displayName, active });

export const ISSUE_PANEL: IssuePanelView = {
  asOf: AS_OF,
  issue: {
    id: '10001',
    key: 'PAY-1',
    summary: 'Launch the new checkout',
    statusName: 'In Progress',
    statusCategory: 'indeterminate',
    dueDate: '2025-03-20',
    projectKey: 'PAY',
  },
  raci: {
    responsible: [person('u-li', 'Li Wei'), person('u-chen', 'Chen Jing')],
    accountable: person('u-li', 'Li Wei'),
    consulted: [person('u-zhao', 'Zhao Min'), person('u-sun', 'Sun Yu', false)],
    informed: [person('u-zhao', 'Zhao Min')],
    findings: ['ACCOUNTABLE_ALSO_RESPONSIBLE', 'DUPLICATE_CONSULTED_INFORMED'],
    complete: false,
  },
  dependencies: {
    upstream: [
      {
        id: 'dep-1',
        status: 'requested',
        deliverable: 'Signed-off API contract for refunds',
        needBy: '2025-03-08',
        responseDueAt: '2025-03-09T02:00:00.000Z',
        late: true,
        other: {
          id: '10002',
          key: 'FIN-7',
          summary: 'Refund ledger API',
          statusName: 'To Do',
          statusCategory: 'new',
          dueDate: null,
        },
        otherIssueId: '10002',
      },
      {
        id: 'dep-2',
        status: 'requested',
        deliverable: 'Legal review of the new terms',
        needBy: '2025-03-14',
        responseDueAt: '2025-03-10T12:00:00.000Z',
        late: false,
        other: {
          id: '10003',
          key: 'LEGAL-3',
          summary: 'Terms and conditions update for checkout with a rather long summary that wraps',
          statusName: 'In Progress',
          statusCategory: 'indeterminate',
          dueDate: '2025-03-12',
        },
        otherIssueId: '10003',
      },
      {
        id: 'dep-3',
        status: 'committed',
        deliverable: '',
        needBy: null,
        responseDueAt: null,
        late: false,
        other: null,
        otherIssueId: '10099',
      },
    ],
    downstream: [
      {
        id: 'dep-4',
        status: 'delivered',
        deliverable: 'Checkout launch date',
        needBy: '2025-03-05',
        responseDueAt: '2025-03-02T08:00:00.000Z',
        late: false,
        other: {
          id: '10004',
          key: 'MKT-12',
          summary: 'Spring campaign',
          statusName: 'Done',
          statusCategory: 'done',
          dueDate: null,
        },
        otherIssueId: '10004',
      },
    ],
  },
  escalations: [
    {
      id: 'esc-2',
      status: 'open',
      level: 2,
      summary: 'Finance has not answered the refund API request',
      raisedAt: '2025-03-09T03:00:00.000Z',
      dueAt: '2025-03-11T03:00:00.000Z',
      source: 'dependency',
    },
    {
      id: 'esc-1',
      status: 'resolved',
      level: 3,
      summary: 'Marketing and Legal disagree on the launch wording',
      raisedAt: '2025-03-01T03:00:00.000Z',
      dueAt: '2025-03-03T03:00:00.000Z',
      source: 'panel',
    },
    {
      id: 'esc-0',
      status: 'acknowledged',
      level: 1,
      summary: 'Support needs the FAQ before launch',
      raisedAt: '2025-03-06T03:00:00.000Z',
      dueAt: '2025-03-07T03:00:00.000Z',
      source: 'webtrigger',
    },
  ],
  viewer: { accountId: 'u-li', canEdit: true },
};

export const EMPTY_ISSUE_PANEL: IssuePanelView = {
  ...ISSUE_PANEL,
  raci: {
    responsible: [],
    accountable: null,
    consulted: [],
    informed: [],
    findings: ['NO_ACCOUNTABLE', 'NO_RESPONSIBLE'],
    complete: false,
  },
  dependencies: { upstream: [], downstream: [] },
  escalations: [],
};

const health = (over: Partial<ProjectSummary['milestones'][number]>) => ({
  startDate: null,
  bufferDays: 0,
  ownerDepartmentId: null,
  planVersion: null,
  health: 'on-track' as const,
  reasons: [],
  issues: { total: 10, done: 5, overdue: 0 },
  elapsed: 0.5,
  burnup: [
    { week: '2025-02-24', scope: 8, done: 2 },
    { week: '2025-03-03', scope: 10, done: 5 },
  ],
  ...over,
});

export const PROJECT_OVERVIEW: ProjectSummary = {
  asOf: AS_OF,
  project: { id: '10000', key: 'PAY', name: 'Payments' },
  rollup: {
    issueCount: 128,
    byCategory: { new: 30, indeterminate: 42, done: 56 },
    overdueOpen: 5,
    openIssues: 72,
    raciCompleteOpen: 61,
    updatedAt: '2025-03-10T08:55:00.000Z',
  },
  raciCoverage: 61 / 72,
  milestones: [
    { id: 'v1', name: 'Research', releaseDate: '2025-01-15', released: true, overdue: false, ...health({ health: 'released' }) },
    {
      id: 'v2',
      name: 'Design',
      releaseDate: '2025-03-01',
      released: false,
      overdue: true,
      ...health({ health: 'off-track', bufferDays: 3, ownerDepartmentId: 'product', reasons: [{ code: 'pastDue', n: 6 }, { code: 'overdueIssues', n: 2 }] }),
    },
    { id: 'v3', name: 'Build', releaseDate: '2025-04-30', released: false, overdue: false, ...health({}) },
    { id: 'v4', name: 'Launch', releaseDate: null, released: false, overdue: false, ...health({ health: 'no-issues', issues: { total: 0, done: 0, overdue: 0 }, burnup: [] }) },
  ],
  dependencies: { open: 9, lateResponses: 2 },
  escalations: { open: 3 },
  figures: [
    { id: 'delayRate', value: 0.12, unit: 'ratio', target: 0.05, better: 'lower', of: { hit: 6, total: 50 } },
    { id: 'dependencyOnTime', value: null, unit: 'ratio', target: null, better: 'higher', of: { hit: 0, total: 0 } },
    { id: 'requestsInTime', value: null, unit: 'ratio', target: 0.98, better: 'higher', of: { hit: 0, total: 0 } },
    { id: 'escalationsInTime', value: null, unit: 'ratio', target: null, better: 'higher', of: { hit: 0, total: 0 } },
    { id: 'raciCoverage', value: 61 / 72, unit: 'ratio', target: 0.98, better: 'higher', of: { hit: 61, total: 72 } },
    { id: 'overdueActions', value: 1, unit: 'count', target: 0, better: 'lower', of: { hit: 1, total: 3 } },
    { id: 'satisfaction', value: 3.75, unit: 'score', target: 4.5, better: 'higher', of: { hit: 2, total: 2 } },
  ],
  trend: [{ week: '2025-03-10', values: { delayRate: 0.12, raciCoverage: 61 / 72 } }],
  risks: { open: 2, high: 1, cells: { '4:4': 1, '2:3': 1 } },
  actions: { open: 3, overdue: 1, done: 1 },
  departments: [{ id: 'product', nameZh: '产品部', nameEn: 'Product' }],
};

export const EMPTY_PROJECT_OVERVIEW: ProjectSummary = {
  ...PROJECT_OVERVIEW,
  rollup: { issueCount: 0, byCategory: { new: 0, indeterminate: 0, done: 0 }, overdueOpen: 0, openIssues: 0, raciCompleteOpen: 0, updatedAt: null },
  raciCoverage: null,
  milestones: [],
  dependencies: { open: 0, lateResponses: 0 },
  escalations: { open: 0 },
  figures: PROJECT_OVERVIEW.figures.map((f) => ({ ...f, value: f.unit === 'count' ? 0 : null, of: null })),
  trend: [],
  risks: { open: 0, high: 0, cells: {} },
  actions: { open: 0, overdue: 0, done: 0 },
};
