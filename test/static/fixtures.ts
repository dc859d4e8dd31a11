import type { IssuePanelView, ProjectOverview } from '@contract';

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
    version: 'v1',
    directory: [
      { id: 'product', nameZh: '产品部', nameEn: 'Product' },
      { id: 'rnd', nameZh: '研发部', nameEn: 'R&D' },
    ],
    departmentOf: { 'u-li': 'product', 'u-zhao': 'rnd' },
    assignedDepartments: { responsible: [], accountable: [], consulted: ['rnd'], informed: [] },
    departmentRaci: {
      responsible: [{ departmentId: 'product', viaPeople: true, explicit: false }],
      accountable: [{ departmentId: 'product', viaPeople: true, explicit: false }],
      consulted: [{ departmentId: 'rnd', viaPeople: true, explicit: true }],
      informed: [{ departmentId: 'rnd', viaPeople: true, explicit: false }],
    },
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
    version: 'v0',
    directory: [],
    departmentOf: {},
    assignedDepartments: { responsible: [], accountable: [], consulted: [], informed: [] },
    departmentRaci: { responsible: [], accountable: [], consulted: [], informed: [] },
  },
  dependencies: { upstream: [], downstream: [] },
  escalations: [],
};

export const PROJECT_OVERVIEW: ProjectOverview = {
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
    { id: 'v1', name: 'Research', releaseDate: '2025-01-15', released: true, overdue: false },
    { id: 'v2', name: 'Design', releaseDate: '2025-03-01', released: false, overdue: true },
    { id: 'v3', name: 'Build', releaseDate: '2025-04-30', released: false, overdue: false },
    { id: 'v4', name: 'Launch', releaseDate: null, released: false, overdue: false },
  ],
  dependencies: { open: 9, lateResponses: 2 },
  escalations: { open: 3 },
};

export const EMPTY_PROJECT_OVERVIEW: ProjectOverview = {
  ...PROJECT_OVERVIEW,
  rollup: { issueCount: 0, byCategory: { new: 0, indeterminate: 0, done: 0 }, overdueOpen: 0, openIssues: 0, raciCompleteOpen: 0, updatedAt: null },
  raciCoverage: null,
  milestones: [],
  dependencies: { open: 0, lateResponses: 0 },
  escalations: { open: 0 },
};
