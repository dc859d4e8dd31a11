import { useState } from 'react';
import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message';
import type { ADMIN_PAGE_FUNCTIONS, CalendarSettings, FnOutput, WorkingCalendar } from '@contract';
import type { BridgeClient } from '../../../shared/bridge-client';
import { departmentName } from '../../../shared/departments';
import { useT } from '../../../shared/i18n';
import { Notice } from '../../../shared/ui/notice';
import { NotLoaded } from '../../../shared/ui/loaded';
import { useCall } from '../../../shared/use-call';
import { useSave } from '../../../shared/ui/save';
import { DateTime } from '../../../shared/components/DateTime';
import { Loading } from '../../../shared/components/Loading';
import { Section } from '../../../shared/components/Section';
import { WebhookProjects } from './WebhookProjects';
import { DependencyLimitsFields, limitsProblem } from './DependencyLimitsFields';

type Client = BridgeClient<typeof ADMIN_PAGE_FUNCTIONS>;
type CalendarView = FnOutput<typeof ADMIN_PAGE_FUNCTIONS, 'getCalendars'>;
type WebhookSecretStatus = FnOutput<typeof ADMIN_PAGE_FUNCTIONS, 'getWebhookSecret'>;
type NoticeState = { tone: 'success' | 'error'; text: string } | null;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

const lines = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function NoticeBox({ notice }: { notice: NoticeState }) {
  if (!notice) return null;
  return (
    <Notice tone={notice.tone} role={notice.tone === 'success' ? 'status' : 'alert'}>
      {notice.text}
    </Notice>
  );
}

function CalendarFields({
  cal,
  disabled,
  onChange,
}: {
  cal: WorkingCalendar;
  disabled: boolean;
  onChange(next: WorkingCalendar): void;
}) {
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
        <input
          className="cx-input"
          list="cx-zones"
          value={cal.timeZone}
          onChange={(e) => set({ timeZone: e.target.value })}
        />
        <datalist id="cx-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <div className="cx-field">
        <span className="cx-label">{t('escalations.admin.hours')}</span>
        <span>
          <input
            className="cx-input cx-time"
            type="time"
            aria-label={`${t('escalations.admin.hours')} 1`}
            value={cal.workStart}
            onChange={(e) => set({ workStart: e.target.value })}
          />{' '}
          –{' '}
          <input
            className="cx-input cx-time"
            type="time"
            aria-label={`${t('escalations.admin.hours')} 2`}
            value={cal.workEnd}
            onChange={(e) => set({ workEnd: e.target.value })}
          />
        </span>
      </div>
      <div className="cx-field">
        <span className="cx-label">{t('escalations.admin.lunch')}</span>
        <span>
          <input
            className="cx-input cx-time"
            type="time"
            aria-label={`${t('escalations.admin.lunch')} 1`}
            value={cal.lunchStart ?? ''}
            onChange={(e) => set({ lunchStart: e.target.value || null })}
          />{' '}
          –{' '}
          <input
            className="cx-input cx-time"
            type="time"
            aria-label={`${t('escalations.admin.lunch')} 2`}
            value={cal.lunchEnd ?? ''}
            onChange={(e) => set({ lunchEnd: e.target.value || null })}
          />
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
                onChange={(e) =>
                  set({
                    workdays: e.target.checked ? [...cal.workdays, d].sort() : cal.workdays.filter((x) => x !== d),
                  })
                }
              />{' '}
              {weekday.format(new Date(Date.UTC(2024, 0, d)))}
            </label>
          ))}
        </span>
      </div>
      <label className="cx-field">
        <span className="cx-label">{t('escalations.admin.holidays')}</span>
        <textarea
          className="cx-input"
          rows={6}
          defaultValue={cal.holidays.join('\n')}
          onBlur={(e) => set({ holidays: lines(e.target.value) })}
        />
      </label>
      <label className="cx-field">
        <span className="cx-label">{t('escalations.admin.makeUp')}</span>
        <textarea
          className="cx-input"
          rows={6}
          defaultValue={cal.makeUpDays.join('\n')}
          onBlur={(e) => set({ makeUpDays: lines(e.target.value) })}
        />
        {cal.note && <span className="cx-help">{cal.note}</span>}
      </label>
    </fieldset>
  );
}

/** Working-time calendars (time zone, hours, lunch, holidays, 调休) and which department works by which. */
function CalendarsSection({ client }: { client: Client }) {
  const t = useT();
  const { state, retry } = useCall(() => client.call('getCalendars', {}));
  if (state.status !== 'ok') {
    return (
      <Section title={t('escalations.admin.calendars')}>
        <NotLoaded
          state={state}
          retry={retry}
          error={(e) => <NoticeBox notice={{ tone: 'error', text: e.message }} />}
        />
      </Section>
    );
  }
  return <CalendarsForm initial={state.data} client={client} />;
}

function CalendarsForm({ initial, client }: { initial: CalendarView; client: Client }) {
  const t = useT();
  const [state, setState] = useState(initial);
  const [selected, setSelected] = useState(0);
  const [notice, setNotice] = useState<NoticeState>(null);
  const saving = useSave();
  const { busy } = saving;
  const { settings, canEdit } = state;
  const update = (next: CalendarSettings) => setState({ ...state, settings: next });
  const cal = settings.calendars[selected] ?? settings.calendars[0]!;
  const calendarOptions = settings.calendars.map((c) => (
    <option key={c.id} value={c.id}>
      {c.name}
    </option>
  ));

  const save = () => {
    const problem = settings.limits ? limitsProblem(settings.limits, t) : null;
    if (problem) return setNotice({ tone: 'error', text: problem });
    return saving.run(
      () => client.call('saveCalendars', { settings, version: state.version }),
      (saved) => {
        setState(saved);
        setNotice({ tone: 'success', text: t('escalations.admin.saved') });
      },
      (error) => setNotice({ tone: 'error', text: error.message }),
    );
  };

  return (
    <Section title={t('escalations.admin.calendars')}>
      <p className="cx-meta">{t('escalations.admin.calendarsHelp')}</p>
      {/* A group, not a <form>: the directory's department form is the page's one form. */}
      {/* biome-ignore lint/a11y/useSemanticElements: a <fieldset> brings its own border, padding and min-content width that .cx-form does not reset; role="group" names the same group. */}
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
          onChange={(next) =>
            update({ ...settings, calendars: settings.calendars.map((c, i) => (i === selected ? next : c)) })
          }
        />
        <fieldset className="cx-form-grid" disabled={!canEdit}>
          <label className="cx-field">
            <span className="cx-label">{t('escalations.admin.default')}</span>
            <select
              className="cx-input"
              value={settings.defaultCalendarId}
              onChange={(e) => update({ ...settings, defaultCalendarId: e.target.value })}
            >
              {calendarOptions}
            </select>
          </label>
          {state.departments.map((d) => (
            <label className="cx-field" key={d.id} data-department-calendar={d.id}>
              <span className="cx-label">
                {t('escalations.admin.byDepartment')}: {departmentName(d, t.locale)}
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
        {settings.limits && (
          <DependencyLimitsFields
            limits={settings.limits}
            disabled={!canEdit}
            onChange={(limits) => update({ ...settings, limits })}
          />
        )}
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
  const { state } = useCall(() => client.call('getWebhookSecret', {}));
  const [rotated, setRotated] = useState<WebhookSecretStatus | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [rotateNotice, setNotice] = useState<NoticeState>(null);
  const status = rotated ?? (state.status === 'ok' ? state.data : null);
  const notice: NoticeState =
    rotateNotice ?? (state.status === 'error' ? { tone: 'error', text: state.error.message } : null);

  async function rotate() {
    setConfirming(false);
    const r = await client.call('rotateWebhookSecret', {});
    if (!r.ok) return setNotice({ tone: 'error', text: r.error.message });
    const { secret: shown, ...rest } = r.data;
    setRotated(rest);
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
              ? t.rich('escalations.admin.secretSet', {
                  when: status.rotatedAt ? <DateTime iso={status.rotatedAt} /> : '–',
                  fingerprint: <code>{status.fingerprint}</code>,
                })
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
          <WebhookProjects
            client={client}
            allowed={status.allowedProjects}
            canEdit={status.canEdit}
            onSaved={(allowedProjects) => setRotated({ ...status, allowedProjects })}
          />
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
