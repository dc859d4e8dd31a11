/**
 * The sandbox's Jira-like shell: projects, issues with their fields (the app's RACI fields editable with a
 * user picker), transitions and links, the app's issue panel and project page in iframes, a user switcher
 * and the sandbox clock. It talks to the sandbox's Jira REST API as the chosen user, like Jira's own UI.
 */
type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, unknown> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    else if (k === 'className') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

interface SeedUser {
  accountId: string;
  displayName: string;
}
interface Session {
  users: SeedUser[];
  now: number;
  modules: Array<{ key: string; type: string; pages?: Array<{ route: string; title: string }> }>;
  webtriggers: Array<{ key: string; url: string }>;
}
interface UserRef {
  accountId: string;
  displayName?: string;
}
interface IssueFields {
  summary: string;
  status: { name: string; statusCategory: { key: string } };
  duedate?: string | null;
  issuetype?: { name: string };
  fixVersions?: Array<{ name: string }>;
  assignee?: UserRef | null;
  issuelinks?: Array<{ id: string; type: { name: string; inward: string; outward: string }; inwardIssue?: { key: string; fields?: { summary?: string } }; outwardIssue?: { key: string; fields?: { summary?: string } } }>;
  [field: string]: unknown;
}
interface Issue {
  id: string;
  key: string;
  fields: IssueFields;
}

const state = {
  user: localStorage.getItem('sbx.user') ?? '',
  locale: localStorage.getItem('sbx.locale') ?? 'en_US',
  theme: (localStorage.getItem('sbx.theme') ?? 'light') as 'light' | 'dark',
  timezone: 'Asia/Shanghai',
  session: null as Session | null,
  raciFields: [] as Array<{ id: string; name: string; multi: boolean }>,
  escalationFields: null as Array<{ id: string; name: string }> | null,
};

async function jira<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`/__sandbox/jira${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', 'x-sandbox-user': state.user, ...(init.headers ?? {}) },
  });
  const text = await res.text();
  if (!res.ok) {
    let message = `${res.status}`;
    try {
      const body = JSON.parse(text) as { errorMessages?: string[]; errors?: Record<string, string> };
      message = [...(body.errorMessages ?? []), ...Object.entries(body.errors ?? {}).map(([k, v]) => `${k}: ${v}`)].join(' ') || message;
    } catch {
      /* keep the status */
    }
    throw new Error(message);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

async function sandboxApi<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/__sandbox/api/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-user': state.user },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(json.error ?? String(res.status));
  return json;
}

function applyTheme() {
  document.documentElement.setAttribute('data-color-mode', state.theme);
  document.documentElement.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography shape:shape');
  for (const f of document.querySelectorAll('iframe')) f.contentWindow?.postMessage({ type: 'sandbox:theme', mode: state.theme }, '*');
}

function fmtClock(ms: number) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: state.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

function lozenge(category: string, text: string) {
  return h('span', { className: `lozenge ${category}` }, text);
}

function flag(text: string, isError = false) {
  let box = document.querySelector('.flags');
  if (!box) document.body.append((box = h('div', { className: 'flags', role: 'status' })));
  const el = h('div', { className: `flag${isError ? ' error' : ''}` }, text);
  box.append(el);
  setTimeout(() => el.remove(), 6000);
}

async function appFrame(moduleKey: string, where: { issueKey?: string; projectKey?: string; route?: string }, className: string, title: string) {
  const { src, frameId } = await sandboxApi<{ src: string; frameId: string }>('frames', {
    moduleKey,
    ...where,
    locale: state.locale,
    theme: state.theme,
    timezone: state.timezone,
  });
  const frame = h('iframe', { className: `app ${className}`, src, title, 'data-frame': frameId });
  return frame;
}

addEventListener('message', (e: MessageEvent<{ type?: string; frameId?: string; height?: number; flag?: { title?: string; description?: string } }>) => {
  const d = e.data;
  if (d?.type === 'sandbox:resize' && d.frameId) {
    const f = document.querySelector<HTMLIFrameElement>(`iframe[data-frame="${d.frameId}"]`);
    if (f && d.height) f.style.height = `${Math.max(120, d.height)}px`;
  } else if (d?.type === 'sandbox:flag' && d.flag) {
    flag([d.flag.title, d.flag.description].filter(Boolean).join(': '));
  } else if (d?.type === 'sandbox:invocation') {
    void refreshInvocations();
  }
});

// ---------------------------------------------------------------- layout

const root = document.getElementById('root')!;
const main = h('main', { id: 'main' });
const nav = h('nav', { 'aria-label': 'Projects' });
const clockEl = h('span', { className: 'clock', 'aria-live': 'polite' });

function topBar(session: Session) {
  const userSel = h(
    'select',
    {
      id: 'user-switcher',
      onchange: (e: Event) => {
        state.user = (e.target as HTMLSelectElement).value;
        localStorage.setItem('sbx.user', state.user);
        void boot();
      },
    },
    ...session.users.map((u) => h('option', { value: u.accountId, selected: u.accountId === state.user }, u.displayName)),
  );
  const localeSel = h(
    'select',
    {
      id: 'locale-switcher',
      onchange: (e: Event) => {
        state.locale = (e.target as HTMLSelectElement).value;
        localStorage.setItem('sbx.locale', state.locale);
        void route();
      },
    },
    h('option', { value: 'en_US', selected: state.locale === 'en_US' }, 'English'),
    h('option', { value: 'zh_CN', selected: state.locale === 'zh_CN' }, '中文（简体）'),
  );
  const themeBtn = h(
    'button',
    {
      id: 'theme-toggle',
      'aria-pressed': state.theme === 'dark',
      onclick: () => {
        state.theme = state.theme === 'dark' ? 'light' : 'dark';
        localStorage.setItem('sbx.theme', state.theme);
        themeBtn.textContent = state.theme === 'dark' ? 'Light theme' : 'Dark theme';
        themeBtn.setAttribute('aria-pressed', String(state.theme === 'dark'));
        applyTheme();
      },
    },
    state.theme === 'dark' ? 'Light theme' : 'Dark theme',
  );
  const advance = (hours: number, label: string) =>
    h(
      'button',
      {
        'data-advance': hours,
        title: `Move the sandbox clock forward ${label}; scheduled triggers run on the way`,
        onclick: async () => {
          const r = await sandboxApi<{ now: number; scheduledRuns: number }>('clock/advance', { hours });
          clockEl.textContent = fmtClock(r.now);
          flag(`Clock moved ${label}; ${r.scheduledRuns} scheduled run(s).`);
          void route();
        },
      },
      `+${label}`,
    );
  clockEl.textContent = fmtClock(session.now);
  return h(
    'header',
    { className: 'top' },
    h('span', { className: 'brand' }, 'Jira', h('small', {}, 'offline sandbox')),
    h('label', {}, 'Sandbox time', clockEl, advance(1, '1h'), advance(24, '1d'), advance(24 * 7, '1w')),
    h('label', {}, 'Acting as', userSel),
    h('label', {}, 'Language', localeSel),
    themeBtn,
  );
}

async function renderNav() {
  nav.replaceChildren(h('p', { className: 'note' }, 'Loading projects…'));
  const [projects, admin] = await Promise.all([jira<{ values: Array<{ key: string; name: string }> }>('/rest/api/3/project/search?maxResults=50'), isJiraAdmin()]);
  const projectAdmin = await Promise.all(projects.values.map((p) => isProjectAdmin(p.key)));
  const settings = state.session!.modules.find((m) => m.type === 'jira:projectSettingsPage');
  const hash = location.hash;
  const link = (href: string, text: string) => h('li', {}, h('a', { href, 'aria-current': hash === href ? 'page' : undefined }, text));
  nav.replaceChildren(
    ...projects.values.flatMap((p, i) => [
      h('h2', {}, `${p.name} (${p.key})`),
      h(
        'ul',
        {},
        link(`#/project/${p.key}`, 'Issues'),
        link(`#/project/${p.key}/page`, 'Collaboration health'),
        // Jira shows Project settings to the project's administrators; the app's pages are listed there.
        ...(projectAdmin[i] && settings ? (settings.pages ?? []).map((pg) => link(`#/project/${p.key}/settings/${pg.route}`, `Project settings → ${pg.title}`)) : []),
      ),
    ]),
    projects.values.length === 0 ? h('p', { className: 'note' }, 'This user cannot see any project.') : '',
    admin ? h('h2', {}, 'Apps') : '',
    admin ? h('ul', {}, h('li', {}, h('a', { href: '#/admin', 'aria-current': hash === '#/admin' ? 'page' : undefined }, 'Collaboration settings'))) : '',
  );
}

async function isProjectAdmin(projectKey: string): Promise<boolean> {
  const r = await jira<{ permissions: Record<string, { havePermission?: boolean }> }>(`/rest/api/3/mypermissions?permissions=ADMINISTER_PROJECTS&projectKey=${projectKey}`).catch(() => null);
  return r?.permissions.ADMINISTER_PROJECTS?.havePermission ?? false;
}

async function projectSettings(projectKey: string, route: string) {
  const mod = state.session!.modules.find((m) => m.type === 'jira:projectSettingsPage');
  const page = mod?.pages?.find((pg) => pg.route === route);
  if (!mod || !page || !(await isProjectAdmin(projectKey))) {
    main.replaceChildren(h('h1', {}, 'Project settings'), h('p', { className: 'error', role: 'alert' }, 'Only administrators of this project can open its settings.'));
    return;
  }
  main.replaceChildren(h('p', { className: 'note' }, `${projectKey} / Project settings / Apps / ${page.title}`), await appFrame(mod.key, { projectKey, route }, 'page', `${page.title} (app)`));
}

/** Jira lists apps' admin pages (Apps → the app's settings) for Jira admins only; so does the shell. */
async function isJiraAdmin(): Promise<boolean> {
  const r = await jira<{ permissions: Record<string, { havePermission?: boolean }> }>('/rest/api/3/mypermissions?permissions=ADMINISTER').catch(() => null);
  return r?.permissions.ADMINISTER?.havePermission ?? false;
}

async function adminPage() {
  const mod = state.session!.modules.find((m) => m.type === 'jira:adminPage');
  if (!mod || !(await isJiraAdmin())) {
    main.replaceChildren(h('h1', {}, 'Collaboration settings'), h('p', { className: 'error', role: 'alert' }, 'Only Jira administrators can open the settings of apps.'));
    return;
  }
  main.replaceChildren(h('p', { className: 'note' }, 'Apps / Collaboration settings'), await appFrame(mod.key, {}, 'page', 'Collaboration settings (app)'));
}

// ---------------------------------------------------------------- views

async function projectIssues(projectKey: string) {
  main.replaceChildren(h('h1', {}, `${projectKey} issues`), h('p', { className: 'note' }, 'Loading…'));
  const rows: Issue[] = [];
  let token: string | undefined;
  do {
    const page = await jira<{ issues: Issue[]; nextPageToken?: string }>('/rest/api/3/search/jql', {
      method: 'POST',
      body: JSON.stringify({ jql: `project = ${projectKey} ORDER BY key ASC`, fields: ['summary', 'status', 'duedate', 'issuetype'], maxResults: 100, ...(token ? { nextPageToken: token } : {}) }),
    });
    rows.push(...page.issues);
    token = page.nextPageToken;
  } while (token);
  main.replaceChildren(
    h('h1', {}, `${projectKey} issues`),
    h(
      'table',
      { className: 'issues' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Key'), h('th', {}, 'Summary'), h('th', {}, 'Type'), h('th', {}, 'Status'), h('th', {}, 'Due'))),
      h(
        'tbody',
        {},
        ...rows.map((i) =>
          h(
            'tr',
            {},
            h('td', {}, h('a', { href: `#/issue/${i.key}` }, i.key)),
            h('td', {}, i.fields.summary),
            h('td', {}, i.fields.issuetype?.name ?? ''),
            h('td', {}, lozenge(i.fields.status.statusCategory.key, i.fields.status.name)),
            h('td', {}, i.fields.duedate ?? ''),
          ),
        ),
      ),
    ),
  );
}

async function projectPage(projectKey: string) {
  const mod = state.session!.modules.find((m) => m.type === 'jira:projectPage')!;
  main.replaceChildren(h('h1', {}, `${projectKey} · Collaboration health`), await appFrame(mod.key, { projectKey }, 'page', 'Collaboration health (app)'));
}

function userPicker(field: { id: string; name: string; multi: boolean }, value: UserRef[], onChange: (next: UserRef[]) => Promise<void>, editable: boolean) {
  const wrap = h('div', { className: 'picker', 'data-field': field.name });
  const input = h('input', { type: 'search', placeholder: 'Add person…', 'aria-label': `Add ${field.name}`, autocomplete: 'off' });
  const suggest = h('div', { className: 'suggest', role: 'listbox', hidden: true });
  const render = () => {
    wrap.replaceChildren(
      ...value.map((u) =>
        h(
          'span',
          { className: 'chip', 'data-account-id': u.accountId },
          u.displayName ?? u.accountId,
          editable &&
            h(
              'button',
              {
                'aria-label': `Remove ${u.displayName ?? u.accountId} from ${field.name}`,
                onclick: () => void onChange(value.filter((v) => v.accountId !== u.accountId)),
              },
              '×',
            ),
        ),
      ),
      value.length === 0 ? h('span', { className: 'note' }, 'None') : '',
      editable && (field.multi || value.length === 0) ? input : '',
      editable && (field.multi || value.length === 0) ? suggest : '',
    );
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (!q) return void (suggest.hidden = true);
      const users = await jira<Array<{ accountId: string; displayName: string }>>(`/rest/api/3/user/search?query=${encodeURIComponent(q)}&maxResults=8`);
      suggest.replaceChildren(
        ...users.map((u) =>
          h(
            'button',
            {
              role: 'option',
              onclick: () => {
                suggest.hidden = true;
                input.value = '';
                void onChange(field.multi ? [...value.filter((v) => v.accountId !== u.accountId), u] : [u]);
              },
            },
            u.displayName,
          ),
        ),
        users.length === 0 ? h('span', { className: 'note' }, 'No matches') : '',
      );
      suggest.hidden = false;
    }, 150);
  });
  render();
  return wrap;
}

async function raciFields() {
  if (state.raciFields.length) return state.raciFields;
  const fields = await jira<Array<{ id: string; name: string; schema?: { type?: string; custom?: string } }>>('/rest/api/3/field');
  const order = ['raci-responsible', 'raci-accountable', 'raci-consulted', 'raci-informed'];
  state.raciFields = order.flatMap((key) => {
    const f = fields.find((x) => x.schema?.custom?.endsWith(`/static/${key}`));
    return f ? [{ id: f.id, name: f.name, multi: f.schema?.type === 'array' }] : [];
  });
  return state.raciFields;
}

/** The app's read-only escalation fields (level, state, holders, raised by), shown as Jira shows any field. */
async function escalationFields() {
  if (state.escalationFields) return state.escalationFields;
  const fields = await jira<Array<{ id: string; name: string; schema?: { custom?: string } }>>('/rest/api/3/field');
  state.escalationFields = ['escalation-level', 'escalation-state', 'escalation-holders', 'escalation-raisers'].flatMap((key) => {
    const f = fields.find((x) => x.schema?.custom?.endsWith(`/static/${key}`));
    return f ? [{ id: f.id, name: f.name }] : [];
  });
  return state.escalationFields;
}

/** A read-only field's value as Jira's issue view writes it: people by name, a number or text as is, else "None". */
function readOnlyValue(raw: unknown): string {
  const list = Array.isArray(raw) ? raw : raw === null || raw === undefined ? [] : [raw];
  const text = list.map((v) => (v && typeof v === 'object' ? ((v as UserRef).displayName ?? (v as UserRef).accountId) : String(v))).join(', ');
  return text || 'None';
}

/**
 * Jira Automation's THEN step running one of the app's actions, as the acting user (a rule's actor), with the
 * inputs a rule would pass ({{issue.key}} and typed text).
 */
function automationButtons(issueKey: string, reload: () => void) {
  const run = async (action: string, inputs: Record<string, string>) => {
    try {
      const r = await sandboxApi<{ result: { escalationId?: string; level?: number; errors?: Array<{ message: string }> } }>(`automation/${action}`, { issueKey, ...inputs });
      if (r.result.errors?.length) flag(`Automation rule failed: ${r.result.errors.map((e) => e.message).join('; ')}`, true);
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
    h('button', { 'data-automation': 'climb-escalation', onclick: () => void run('climb-escalation', { note: 'Sandbox Automation rule' }) }, 'THEN: climb escalation'),
  );
}

async function issueView(issueKey: string) {
  main.replaceChildren(h('p', { className: 'note' }, `Loading ${issueKey}…`));
  const fields = await raciFields();
  const escFields = await escalationFields();
  let issue: Issue;
  try {
    issue = await jira<Issue>(`/rest/api/3/issue/${issueKey}?expand=editmeta`);
  } catch (e) {
    main.replaceChildren(h('h1', {}, issueKey), h('p', { className: 'error', role: 'alert' }, (e as Error).message));
    return;
  }
  const editable = Object.keys((issue as unknown as { editmeta?: { fields?: object } }).editmeta?.fields ?? {}).length > 0;
  const reload = () => void issueView(issueKey);
  const setField = async (id: string, multi: boolean, next: UserRef[]) => {
    try {
      await jira(`/rest/api/3/issue/${issueKey}`, {
        method: 'PUT',
        body: JSON.stringify({ fields: { [id]: multi ? next.map((u) => ({ accountId: u.accountId })) : next[0] ? { accountId: next[0].accountId } : null } }),
      });
      reload();
    } catch (e) {
      flag((e as Error).message, true);
    }
  };
  const transitions = await jira<{ transitions: Array<{ id: string; name: string }> }>(`/rest/api/3/issue/${issueKey}/transitions`).catch(() => ({ transitions: [] }));
  const transitionSel = h(
    'select',
    { 'aria-label': 'Transition', id: 'transition' },
    h('option', { value: '' }, 'Transition…'),
    ...transitions.transitions.map((t) => h('option', { value: t.id }, t.name)),
  );
  transitionSel.addEventListener('change', async () => {
    if (!transitionSel.value) return;
    try {
      await jira(`/rest/api/3/issue/${issueKey}/transitions`, { method: 'POST', body: JSON.stringify({ transition: { id: transitionSel.value } }) });
      reload();
    } catch (e) {
      flag((e as Error).message, true);
      transitionSel.value = '';
    }
  });

  const links = issue.fields.issuelinks ?? [];
  const linkTypes = await jira<{ issueLinkTypes: Array<{ name: string; inward: string; outward: string }> }>('/rest/api/3/issueLinkType').catch(() => ({ issueLinkTypes: [] }));
  const linkType = h('select', { 'aria-label': 'Link type' }, ...linkTypes.issueLinkTypes.flatMap((t) => [h('option', { value: `${t.name}|out` }, t.outward), h('option', { value: `${t.name}|in` }, t.inward)]));
  const linkKey = h('input', { placeholder: 'Issue key, e.g. PAY-3', 'aria-label': 'Issue to link', size: 14 });
  const addLink = h(
    'button',
    {
      onclick: async () => {
        const [type, dir] = linkType.value.split('|');
        const other = linkKey.value.trim().toUpperCase();
        if (!other) return flag('Enter the key of the issue to link.', true);
        try {
          await jira('/rest/api/3/issueLink', {
            method: 'POST',
            // Jira's REST reads {inwardIssue: A, outwardIssue: B} as "A <outward phrase> B", e.g. A blocks B.
            body: JSON.stringify(dir === 'out' ? { type: { name: type }, inwardIssue: { key: issueKey }, outwardIssue: { key: other } } : { type: { name: type }, inwardIssue: { key: other }, outwardIssue: { key: issueKey } }),
          });
          reload();
        } catch (e) {
          flag((e as Error).message, true);
        }
      },
    },
    'Link',
  );

  const panelMod = state.session!.modules.find((m) => m.type === 'jira:issuePanel')!;
  const frame = await appFrame(panelMod.key, { issueKey }, 'panel', 'Collaboration (app)');

  main.replaceChildren(
    h('p', { className: 'note' }, h('a', { href: `#/project/${issueKey.split('-')[0]}` }, `${issueKey.split('-')[0]} issues`), ` / ${issueKey}`),
    h(
      'div',
      { className: 'issue' },
      h(
        'section',
        { 'aria-label': 'Issue details' },
        h('h1', { id: 'issue-summary' }, `${issue.key} ${issue.fields.summary}`),
        h('div', { className: 'row' }, lozenge(issue.fields.status.statusCategory.key, issue.fields.status.name), transitionSel, !editable && h('span', { className: 'note' }, 'You can view but not edit this issue.')),
        h('h3', {}, 'Details'),
        h(
          'div',
          { className: 'fields' },
          h('span', { className: 'label' }, 'Type'),
          h('span', {}, issue.fields.issuetype?.name ?? ''),
          h('span', { className: 'label' }, 'Due date'),
          h('span', {}, issue.fields.duedate ?? 'None'),
          h('span', { className: 'label' }, 'Fix versions'),
          h('span', {}, (issue.fields.fixVersions ?? []).map((v) => v.name).join(', ') || 'None'),
          ...fields.flatMap((f) => {
            const raw = issue.fields[f.id];
            const value = (Array.isArray(raw) ? raw : raw ? [raw] : []) as UserRef[];
            return [h('span', { className: 'label', id: `label-${f.id}` }, f.name), userPicker(f, value, (next) => setField(f.id, f.multi, next), editable)];
          }),
          ...escFields.flatMap((f) => [h('span', { className: 'label' }, f.name), h('span', { 'data-field': f.name }, readOnlyValue(issue.fields[f.id]))]),
        ),
        automationButtons(issueKey, reload),
        h('h3', {}, 'Issue links'),
        links.length === 0
          ? h('p', { className: 'note' }, 'No links.')
          : h(
              'ul',
              { id: 'links' },
              ...links.map((l) => {
                const other = l.outwardIssue ?? l.inwardIssue;
                const phrase = l.outwardIssue ? l.type.outward : l.type.inward;
                return h(
                  'li',
                  { 'data-link-id': l.id },
                  `${phrase} `,
                  h('a', { href: `#/issue/${other?.key}` }, other?.key ?? '?'),
                  ` ${other?.fields?.summary ?? ''} `,
                  editable &&
                    h(
                      'button',
                      {
                        'aria-label': `Delete link to ${other?.key}`,
                        onclick: async () => {
                          await jira(`/rest/api/3/issueLink/${l.id}`, { method: 'DELETE' }).catch((e: Error) => flag(e.message, true));
                          reload();
                        },
                      },
                      'Delete',
                    ),
                );
              }),
            ),
        editable && h('div', { className: 'row' }, 'This issue', linkType, linkKey, addLink),
      ),
      h('aside', { className: 'panel', 'aria-label': 'App panel' }, h('header', {}, 'Collaboration'), frame),
    ),
  );
}

const invocationsBody = h('tbody');
async function refreshInvocations() {
  const rows = await sandboxApi<Array<{ id: number; kind: string; moduleKey: string; detail: string; kvsOps: number; jiraCalls: number; durationMs: number; ok: boolean; error?: string }>>('invocations?limit=30');
  invocationsBody.replaceChildren(
    ...rows.map((r) =>
      h(
        'tr',
        {},
        h('td', {}, String(r.id)),
        h('td', {}, r.kind),
        h('td', {}, r.moduleKey),
        h('td', {}, r.detail),
        h('td', {}, String(r.kvsOps)),
        h('td', {}, String(r.jiraCalls)),
        h('td', {}, `${r.durationMs.toFixed(1)} ms`),
        h('td', { className: r.ok ? '' : 'error' }, r.ok ? 'ok' : (r.error ?? 'failed')),
      ),
    ),
  );
}

function invocationsDrawer() {
  const d = h(
    'details',
    { className: 'invocations' },
    h('summary', {}, 'Function invocations (remote calls per invocation)'),
    h('table', {}, h('thead', {}, h('tr', {}, ...['#', 'kind', 'module', 'detail', 'KVS ops', 'Jira calls', 'time', 'result'].map((t) => h('th', {}, t)))), invocationsBody),
  );
  d.addEventListener('toggle', () => void refreshInvocations());
  return d;
}

async function route() {
  const hash = location.hash || '';
  try {
    let m: RegExpExecArray | null;
    if ((m = /^#\/issue\/([A-Z][A-Z0-9_]*-\d+)$/.exec(hash))) await issueView(m[1]!);
    else if ((m = /^#\/project\/([A-Z][A-Z0-9_]*)\/page$/.exec(hash))) await projectPage(m[1]!);
    else if ((m = /^#\/project\/([A-Z][A-Z0-9_]*)$/.exec(hash))) await projectIssues(m[1]!);
    else if ((m = /^#\/project\/([A-Z][A-Z0-9_]*)\/settings\/([a-z0-9-]+)$/.exec(hash))) await projectSettings(m[1]!, m[2]!);
    else if (hash === '#/admin') await adminPage();
    else {
      const first = nav.querySelector<HTMLAnchorElement>('a[href^="#/project/"]');
      if (first) location.hash = first.getAttribute('href')!;
      else main.replaceChildren(h('p', { className: 'note' }, 'No project to show.'));
      return;
    }
    main.append(invocationsDrawer());
  } catch (e) {
    main.replaceChildren(h('p', { className: 'error', role: 'alert' }, (e as Error).message));
  }
  for (const a of nav.querySelectorAll('a')) a.setAttribute('aria-current', a.getAttribute('href') === hash ? 'page' : 'false');
}

async function boot() {
  applyTheme();
  const session = await sandboxApi<Session>('session');
  state.session = session;
  if (!session.users.some((u) => u.accountId === state.user)) state.user = session.users[0]?.accountId ?? '';
  root.replaceChildren(topBar(session), h('div', { className: 'layout' }, nav, main));
  await renderNav();
  await route();
}

addEventListener('hashchange', () => void route());
void boot().catch((e: Error) => root.replaceChildren(h('p', { className: 'error', role: 'alert' }, `The sandbox failed to start: ${e.message}`)));

export {};
