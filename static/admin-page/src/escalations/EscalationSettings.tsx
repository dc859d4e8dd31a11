import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message';
import { ADMIN_PAGE_FUNCTIONS, type AppErrorBody, type CalendarSettings, type DepartmentRef, type WorkingCalendar } from '@contract';
import type { BridgeClient } from '../../../shared/bridge-client';
import { useT } from '../../../shared/i18n';
import { DateTime } from '../../../shared/components/DateTime';
import { Loading } from '../../../shared/components/Loading';
import { Section } from '../../../shared/components/Section';

type Client = BridgeClient<typeof ADMIN_PAGE_FUNCTIONS>;
type Notice = { tone: 'success' | 'error'; text: string } | null;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'UTC'];

const lines = (text: string) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

function NoticeBox({ notice }: { notice: Notice }) {
  if (!notice) return null;
  return (
    <SectionMessage appearance={notice.tone === 'success' ? 'success' : 'error'}>
      <p role={notice.tone === 'success' ? 'status' : 'alert'}>{notice.text}</p>
    </SectionMessage>
  );
}

function CalendarFields({ cal, disabled, onChange }: { cal: WorkingCalendar; disabled: boolean; onChange(next: WorkingCalendar): void }) {
  const t = useT();
  const weekday = new Intl.DateTimeFormat(t.locale === 'zh' ? 'zh-CN' : 'en-US', { weekday: 'short', timeZone: 'UTC' });
  const set = (patch: Partial<WorkingCalendar>) => onChange({ ...cal, ...patch });
  return (
    <fieldset className="cx-form-grid" disabled={disabled}>
      <label className="cx-field">
        <span className="cx-label">{t('escalations.admin.name')}</span>
        <input className="cx-input" value={cal.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      <label className="cx-field">
        <span className="cx-label">{t('escalations.admin.timeZone')}</span>
        <input className="cx-input" list="cx-zones" value={cal.timeZone} onChange={(e) => set({ timeZone: e.target.value })} />
        <datalist id="cx-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <div className="cx-field">
        <span className="cx-label">{t('escalations.admin.hours')}</span>
        <span>
          <input className="cx-input cx-time" type="time" aria-label={`${t('escalations.admin.hours')} 1`} value={cal.workStart} onChange={(e) => set({ workStart: e.target.value })} /> –{' '}
          <input className="cx-input cx-time" type="time" aria-label={`${t('escalations.admin.hours')} 2`} value={cal.workEnd} onChange={(e) => set({ workEnd: e.target.value })} />
        </span>
      </div>
      <div className="cx-field">
        <span className="cx-label">{t('escalations.admin.lunch')}</span>
        <span>
          <input className="cx-input cx-time" type="time" aria-label={`${t('escalations.admin.lunch')} 1`} value={cal.lunchStart ?? ''} onChange={(e) => set({ lunchStart: e.target.value || null })} /> –{' '}
          <input className="cx-input cx-time" type="time" aria-label={`${t('escalations.admin.lunch')} 2`} value={cal.lunchEnd ?? ''} onChange={(e) => set({ lunchEnd: e.target.value || null })} />
        </span>
      </div>
      <div className="cx-field">
        <span className="cx-label">{t('escalations.admin.workdays')}</span>
        <span className="cx-weekdays">
          {WEEKDAYS.map((d) => (
            <label key={d}>
              <input
                type="checkbox"
                checked={cal.workdays.includes(d)}
                onChange={(e) => set({ workdays: e.target.checked ? [...cal.workdays, d].sort() : cal.workdays.filter((x) => x !== d) })}
              />{' '}
              {weekday.format(new Date(Date.UTC(2024, 0, d)))}
            </label>
          ))}
        </span>
      </div>
      <label className="cx-field">
        <span className="cx-label">{t('escalations.admin.holidays')}</span>
        <textarea className="cx-input" rows={6} defaultValue={cal.holidays.join('\n')} onBlur={(e) => set({ holidays: lines(e.target.value) })} />
      </label>
      <label className="cx-field">
        <span className="cx-label">{t('escalations.admin.makeUp')}</span>
        <textarea className="cx-input" rows={6} defaultValue={cal.makeUpDays.join('\n')} onBlur={(e) => set({ makeUpDays: lines(e.target.value) })} />
        {cal.note && <span className="cx-help">{cal.note}</span>}
      </label>
    </fieldset>
  );
}

/** Working-time calendars (time zone, hours, lunch, holidays, 调休) and which department works by which. */
function CalendarsSection({ client }: { client: Client }) {
  const t = useT();
  const [state, setState] = useState<{ settings: CalendarSettings; version: number; departments: DepartmentRef[]; canEdit: boolean } | null>(null);
  const [selected, setSelected] = useState(0);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void client.call('getCalendars', {}).then((r) => (r.ok ? setState(r.data) : setNotice({ tone: 'error', text: r.error.message })));
  }, [client]);
  if (!state) return <Section title={t('escalations.admin.calendars')}>{notice ? <NoticeBox notice={notice} /> : <Loading />}</Section>;
  const { settings, canEdit } = state;
  const update = (next: CalendarSettings) => setState({ ...state, settings: next });
  const cal = settings.calendars[selected] ?? settings.calendars[0]!;
  const calendarOptions = settings.calendars.map((c) => (
    <option key={c.id} value={c.id}>
      {c.name}
    </option>
  ));

  async function save() {
    setBusy(true);
    const r = await client.call('saveCalendars', { settings, version: state!.version });
    setBusy(false);
    if (r.ok) {
      setState(r.data);
      setNotice({ tone: 'success', text: t('escalations.admin.saved') });
    } else setNotice({ tone: 'error', text: (r.error as AppErrorBody).message });
  }

  return (
    <Section title={t('escalations.admin.calendars')}>
      <p className="cx-meta">{t('escalations.admin.calendarsHelp')}</p>
      {/* A group, not a <form>: the directory's department form is the page's one form. */}
      <div className="cx-form" role="group" aria-label={t('escalations.admin.calendars')}>
        <NoticeBox notice={notice} />
        <label className="cx-field">
          <span className="cx-label">{t('escalations.admin.calendar')}</span>
          <select className="cx-input" value={selected} onChange={(e) => setSelected(Number(e.target.value))}>
            {settings.calendars.map((c, i) => (
              <option key={c.id} value={i}>
                {c.name} ({c.id})
              </option>
            ))}
          </select>
        </label>
        <CalendarFields
          key={cal.id}
          cal={cal}
          disabled={!canEdit}
          onChange={(next) => update({ ...settings, calendars: settings.calendars.map((c, i) => (i === selected ? next : c)) })}
        />
        <fieldset className="cx-form-grid" disabled={!canEdit}>
          <label className="cx-field">
            <span className="cx-label">{t('escalations.admin.default')}</span>
            <select className="cx-input" value={settings.defaultCalendarId} onChange={(e) => update({ ...settings, defaultCalendarId: e.target.value })}>
              {calendarOptions}
            </select>
          </label>
          {state.departments.map((d) => (
            <label className="cx-field" key={d.id} data-department-calendar={d.id}>
              <span className="cx-label">
                {t('escalations.admin.byDepartment')}: {t.locale === 'zh' ? d.nameZh : d.nameEn}
              </span>
              <select
                className="cx-input"
                value={settings.byDepartment[d.id] ?? ''}
                onChange={(e) => {
                  const byDepartment = { ...settings.byDepartment };
                  if (e.target.value) byDepartment[d.id] = e.target.value;
                  else delete byDepartment[d.id];
                  update({ ...settings, byDepartment });
                }}
              >
                <option value="">{t('escalations.admin.useDefault')}</option>
                {calendarOptions}
              </select>
            </label>
          ))}
        </fieldset>
        {canEdit && (
          <div className="cx-form-actions">
            <Button appearance="primary" isDisabled={busy} onClick={() => void save()}>
              {t('escalations.admin.saveCalendars')}
            </Button>
          </div>
        )}
      </div>
    </Section>
  );
}

/** The web trigger's signing secret: its fingerprint, and a new one shown exactly once. */
function WebhookSecretSection({ client }: { client: Client }) {
  const t = useT();
  const [status, setStatus] = useState<{ configured: boolean; rotatedAt: string | null; fingerprint: string | null; canEdit: boolean } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  useEffect(() => {
    void client.call('getWebhookSecret', {}).then((r) => (r.ok ? setStatus(r.data) : setNotice({ tone: 'error', text: r.error.message })));
  }, [client]);

  async function rotate() {
    setConfirming(false);
    const r = await client.call('rotateWebhookSecret', {});
    if (!r.ok) return setNotice({ tone: 'error', text: r.error.message });
    const { secret: shown, ...rest } = r.data;
    setStatus(rest);
    setSecret(shown);
  }

  return (
    <Section title={t('escalations.admin.secret')}>
      <p className="cx-meta">{t('escalations.admin.secretHelp')}</p>
      <NoticeBox notice={notice} />
      {!status ? (
        !notice && <Loading />
      ) : (
        <>
          <p>
            {status.configured
              ? t.rich('escalations.admin.secretSet', { when: status.rotatedAt ? <DateTime iso={status.rotatedAt} /> : '–', fingerprint: <code>{status.fingerprint}</code> })
              : t('escalations.admin.secretNone')}
          </p>
          {secret && (
            <SectionMessage appearance="warning">
              <p>{t('escalations.admin.secretOnce')}</p>
              <p>
                <code data-secret>{secret}</code>
              </p>
            </SectionMessage>
          )}
          {status.canEdit &&
            (confirming ? (
              <div className="cx-confirm">
                <p>{t('escalations.admin.rotateConfirm')}</p>
                <div className="cx-form-actions">
                  <Button appearance="warning" onClick={() => void rotate()}>
                    {t('escalations.admin.rotate')}
                  </Button>
                  <Button appearance="subtle" onClick={() => setConfirming(false)}>
                    {t('escalations.form.cancel')}
                  </Button>
                </div>
              </div>
            ) : (
              <div className="cx-form-actions">
                <Button appearance="default" onClick={() => setConfirming(true)}>
                  {t('escalations.admin.rotate')}
                </Button>
              </div>
            ))}
        </>
      )}
    </Section>
  );
}

/** The admin page's escalation settings (issue 5): calendars and the web trigger secret. */
export function EscalationSettings({ client }: { client: Client }) {
  return (
    <>
      <CalendarsSection client={client} />
      <WebhookSecretSection client={client} />
    </>
  );
}
