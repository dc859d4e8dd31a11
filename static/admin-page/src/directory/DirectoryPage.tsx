import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message';
import type { ADMIN_PAGE_FUNCTIONS, AppErrorBody, DepartmentRecord, DirectoryView, Person } from '@contract';
import type { BridgeClient } from '../../../shared/bridge-client';
import { DependencySettingsSection } from '../dependencies/DependencySettingsSection';
import { departmentName } from '../../../shared/departments';
import { useT } from '../../../shared/i18n';
import { Notice } from '../../../shared/ui/notice';
import { useSave } from '../../../shared/ui/save';
import { DateTime } from '../../../shared/components/DateTime';
import { EmptyState } from '../../../shared/components/EmptyState';
import { PersonChip } from '../../../shared/components/PersonChip';
import { Section } from '../../../shared/components/Section';
import { DepartmentForm, type SaveProblem } from './DepartmentForm';
import { EscalationSettings } from '../escalations/EscalationSettings';
import { draftOf, fieldOf, NEW_DRAFT, payloadOf, type DepartmentDraft } from './form';

type Client = BridgeClient<typeof ADMIN_PAGE_FUNCTIONS>;
type Editing = { mode: 'create' } | { mode: 'edit'; department: DepartmentRecord } | null;
type NoticeState = { tone: 'success' | 'warning' | 'error'; text: string } | null;

/** Errors that mean "what you saw is out of date": the page says so and shows the directory as it is now. */
const STALE = new Set(['CONFLICT', 'NOT_FOUND']);

function Someone({ accountId, people }: { accountId: string | null; people: ReadonlyMap<string, Person> }) {
  const t = useT();
  if (!accountId) return <span className="cx-muted">{t('admin.notSet')}</span>;
  return <PersonChip person={people.get(accountId) ?? { accountId, displayName: accountId }} />;
}

export function DirectoryPage({ initial, client }: { initial: DirectoryView; client: Client }) {
  const t = useT();
  const [view, setView] = useState(initial);
  const [extraPeople, setExtraPeople] = useState<Person[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<DepartmentRecord | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);
  const writing = useSave();
  const { busy } = writing;
  const people = useMemo(
    () => new Map([...view.people, ...extraPeople].map((p) => [p.accountId, p])),
    [view.people, extraPeople],
  );
  const canEdit = view.viewer.canEdit;
  const search = (query: string) => client.call('searchUsers', { query });

  /** Shows the directory as stored now, with `message` saying why. */
  const reload = async (message: NoticeState) => {
    setEditing(null);
    setConfirming(null);
    const fresh = await client.call('listDepartments', {});
    if (fresh.ok) {
      setView(fresh.data);
      setNotice(message);
    } else {
      setNotice({ tone: 'error', text: fresh.error.message });
    }
  };

  const failed = async (error: AppErrorBody): Promise<SaveProblem | null> => {
    if (STALE.has(error.code)) {
      await reload({ tone: 'warning', text: `${error.message} ${t('admin.reloaded')}` });
      return null;
    }
    const field = fieldOf(error.field);
    return field ? { fields: { [field]: error.message } } : { form: error.message };
  };

  const save = async (draft: DepartmentDraft): Promise<SaveProblem | null> => {
    const payload = payloadOf(draft);
    const result =
      draft.version === null
        ? await client.call('createDepartment', payload as never)
        : await client.call('updateDepartment', payload as never);
    if (!result.ok) return failed(result.error);
    const { department, index } = result.data;
    setView((v) => ({
      ...v,
      departments: v.departments.some((d) => d.id === department.id)
        ? v.departments.map((d) => (d.id === department.id ? department : d))
        : [...v.departments, department],
      people: [
        ...v.people.filter((p) => !result.data.people.some((q) => q.accountId === p.accountId)),
        ...result.data.people,
      ],
      index,
    }));
    setEditing(null);
    setNotice({ tone: 'success', text: t('admin.saved', { name: departmentName(department, t.locale) }) });
    return null;
  };

  /** The listing names heads and interface persons only; the listed members' names come with the form. */
  const edit = (d: DepartmentRecord) => {
    setEditing({ mode: 'edit', department: d });
    if (d.memberAccountIds.length === 0) return;
    void client.call('departmentPeople', { id: d.id }).then((result) => {
      if (!result.ok) return; // the form shows account ids until the names come; saving does not need them
      const named = new Set(result.data.people.map((p) => p.accountId));
      setExtraPeople((list) => [...list.filter((p) => !named.has(p.accountId)), ...result.data.people]);
    });
  };

  const remove = (d: DepartmentRecord) =>
    writing.run(
      () => client.call('deleteDepartment', { id: d.id, version: d.version }),
      ({ index: after }) => {
        setConfirming(null);
        setView((v) => ({ ...v, departments: v.departments.filter((x) => x.id !== d.id), index: after }));
        setNotice({ tone: 'success', text: t('admin.deleted', { name: departmentName(d, t.locale) }) });
      },
      (error) => {
        setConfirming(null);
        if (STALE.has(error.code)) void reload({ tone: 'warning', text: `${error.message} ${t('admin.reloaded')}` });
        else setNotice({ tone: 'error', text: error.message });
      },
    );

  const rebuild = () =>
    writing.run(
      () => client.call('rebuildPeopleIndex', {}),
      ({ index: rebuilt }) => {
        setView((v) => ({ ...v, index: rebuilt }));
        setNotice({ tone: 'success', text: t('admin.index.rebuilt') });
      },
      (error) => setNotice({ tone: 'error', text: error.message }),
    );

  const { index } = view;
  return (
    <main className="cx-app cx-page">
      <header>
        <h1 className="cx-title">{t('admin.title')}</h1>
        <p className="cx-subtitle">{t('admin.subtitle')}</p>
      </header>

      <div className="cx-notice" role="status" aria-live="polite">
        {notice && (
          <Notice tone={notice.tone} className="cx-error-message">
            {notice.text}
          </Notice>
        )}
      </div>
      {!canEdit && (
        <Notice tone="information" className="cx-error-message">
          {t('admin.readOnly')}
        </Notice>
      )}

      {editing && (
        <DepartmentForm
          key={editing.mode === 'edit' ? `${editing.department.id}:${editing.department.version}` : 'new'}
          initial={editing.mode === 'edit' ? draftOf(editing.department) : NEW_DRAFT}
          title={
            editing.mode === 'edit'
              ? t('admin.form.editTitle', { name: departmentName(editing.department, t.locale) })
              : t('admin.form.createTitle')
          }
          people={people}
          search={search}
          onPersonChosen={(p) => setExtraPeople((list) => [...list.filter((x) => x.accountId !== p.accountId), p])}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      )}

      <Section
        title={t('admin.departments.heading')}
        aside={
          canEdit && !editing ? (
            <Button appearance="primary" onClick={() => setEditing({ mode: 'create' })}>
              {t('admin.add')}
            </Button>
          ) : undefined
        }
      >
        {confirming && (
          <div
            className="cx-confirm"
            role="alertdialog"
            aria-label={t('admin.deleteLabel', { name: departmentName(confirming, t.locale) })}
          >
            <SectionMessage appearance="warning">
              <p className="cx-error-message">
                {t('admin.deleteConfirm', { name: departmentName(confirming, t.locale) })}
              </p>
              <div className="cx-form-actions">
                <Button appearance="danger" autoFocus isDisabled={busy} onClick={() => void remove(confirming)}>
                  {t('admin.deleteConfirmButton')}
                </Button>
                <Button appearance="subtle" isDisabled={busy} onClick={() => setConfirming(null)}>
                  {t('admin.cancel')}
                </Button>
              </div>
            </SectionMessage>
          </div>
        )}
        {view.departments.length === 0 ? (
          <EmptyState>{t('admin.departments.empty')}</EmptyState>
        ) : (
          <div className="cx-table-wrap">
            <table className="cx-table">
              <caption>{t('admin.departments.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.col.department')}</th>
                  <th scope="col">{t('admin.col.head')}</th>
                  <th scope="col">{t('admin.col.interface')}</th>
                  <th scope="col">{t('admin.col.members')}</th>
                  <th scope="col">{t('admin.col.responseHours')}</th>
                  {canEdit && <th scope="col">{t('admin.col.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {view.departments.map((d) => {
                  const name = departmentName(d, t.locale);
                  const other = t.locale === 'zh' ? d.nameEn : d.nameZh;
                  return (
                    <tr key={d.id} data-department={d.id}>
                      <th scope="row">
                        <span className="cx-dept-name">{name}</span>
                        <span className="cx-meta">
                          {other} · <code>{d.id}</code>
                        </span>
                      </th>
                      <td>
                        <Someone accountId={d.headAccountId} people={people} />
                      </td>
                      <td>
                        <Someone accountId={d.interfaceAccountId} people={people} />
                      </td>
                      <td>
                        <span className="cx-meta">
                          {d.jiraGroup ? t('admin.members.group', { group: d.jiraGroup }) : null}
                          {d.jiraGroup && d.memberAccountIds.length > 0 ? ' · ' : null}
                          {d.memberAccountIds.length > 0
                            ? t.plural('admin.members.listed', d.memberAccountIds.length)
                            : null}
                        </span>
                        <span className="cx-meta">
                          {t.plural('admin.members.indexed', index.byDepartment[d.id] ?? 0)}
                        </span>
                      </td>
                      <td>{t.plural('admin.hours', d.responseHours)}</td>
                      {canEdit && (
                        <td>
                          <div className="cx-row-actions">
                            <Button
                              appearance="default"
                              spacing="compact"
                              aria-label={t('admin.editLabel', { name })}
                              onClick={() => edit(d)}
                            >
                              {t('admin.edit')}
                            </Button>
                            <Button
                              appearance="subtle"
                              spacing="compact"
                              aria-label={t('admin.deleteLabel', { name })}
                              onClick={() => setConfirming(d)}
                            >
                              {t('admin.delete')}
                            </Button>
                          </div>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section title={t('admin.index.heading')}>
        <p className="cx-index-figure">{t.plural('admin.index.people', index.people)}</p>
        <p className="cx-meta">
          {index.builtAt
            ? t.rich('admin.index.builtAt', { time: <DateTime iso={index.builtAt} /> })
            : t('admin.index.never')}
        </p>
        <p className="cx-meta">{t('admin.index.hint')}</p>
        {canEdit && (
          <div className="cx-form-actions">
            <Button appearance="default" isDisabled={busy} onClick={() => void rebuild()}>
              {t('admin.index.rebuild')}
            </Button>
          </div>
        )}
      </Section>
      <DependencySettingsSection client={client} canEdit={canEdit} />
      <EscalationSettings client={client} />
    </main>
  );
}
