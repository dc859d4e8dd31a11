// Who the shell acts as, in which locale and theme (kept across reloads), and the fields it looked up once.

export interface SeedUser {
  accountId: string;
  displayName: string;
}
export interface Session {
  users: SeedUser[];
  now: number;
  modules: Array<{ key: string; type: string; pages?: Array<{ route: string; title: string }> }>;
  webtriggers: Array<{ key: string; url: string }>;
  /** Set when the sandbox runs under production conditions (`npm start -- --production-conditions`). */
  productionConditions?: { seed: number } | null;
}
export interface UserRef {
  accountId: string;
  displayName?: string;
}
export interface IssueFields {
  summary: string;
  status: { name: string; statusCategory: { key: string } };
  duedate?: string | null;
  issuetype?: { name: string };
  fixVersions?: Array<{ name: string }>;
  assignee?: UserRef | null;
  issuelinks?: Array<{
    id: string;
    type: { name: string; inward: string; outward: string };
    inwardIssue?: { key: string; fields?: { summary?: string } };
    outwardIssue?: { key: string; fields?: { summary?: string } };
  }>;
  [field: string]: unknown;
}
export interface Issue {
  id: string;
  key: string;
  fields: IssueFields;
}

export const state = {
  user: localStorage.getItem('sbx.user') ?? '',
  locale: localStorage.getItem('sbx.locale') ?? 'en_US',
  theme: (localStorage.getItem('sbx.theme') ?? 'light') as 'light' | 'dark',
  timezone: 'Asia/Shanghai',
  session: null as Session | null,
  raciFields: [] as Array<{ id: string; name: string; multi: boolean }>,
  escalationFields: null as Array<{ id: string; name: string }> | null,
};
