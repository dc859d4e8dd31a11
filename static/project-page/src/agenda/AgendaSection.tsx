import { useState } from 'react';
import Button from '@atlaskit/button/default/button';
import { AGENDA_KINDS, type Agenda } from '@contract';
import { useFormat, useT, type Translator } from '../../../shared/i18n';
import { EmptyState } from '../../../shared/components/EmptyState';
import { Section } from '../../../shared/components/Section';
import { WorkItemLink } from '../../../shared/components/WorkItemLink';
import { CsvButton, withData } from '../kit';
import type { SectionProps } from '../page-context';

type Fmt = ReturnType<typeof useFormat>;

function dueText(due: string | null, fmt: Fmt): string {
  if (!due) return '';
  return due.length === 10 ? fmt.date(due) : fmt.dateTime(due);
}

/** The agenda as plain text or Markdown, grouped by kind, to paste into the meeting invitation or minutes. */
export function agendaText(agenda: Agenda, t: Translator, fmt: Fmt, markdown: boolean): string {
  const lines = [
    markdown
      ? `## ${t('project.agenda.heading', { week: fmt.date(agenda.weekOf) })}`
      : t('project.agenda.heading', { week: fmt.date(agenda.weekOf) }),
  ];
  for (const kind of AGENDA_KINDS) {
    const items = agenda.items.filter((i) => i.kind === kind);
    if (items.length === 0) continue;
    lines.push('', markdown ? `### ${t(`project.agenda.kind.${kind}`)}` : `${t(`project.agenda.kind.${kind}`)}:`);
    for (const i of items) {
      const key = i.issueKey && markdown ? `**${i.issueKey}**` : i.issueKey;
      const parts = [
        ...(key && i.waitsFor
          ? [t('project.agenda.waitsFor', { key, other: i.waitsFor, what: i.title })]
          : [key, i.title]),
        `(${t(`project.agenda.reason.${i.reason}`)})`,
        i.owner ? `— ${i.owner.displayName}` : null,
        i.due ? `· ${dueText(i.due, fmt)}` : null,
      ];
      lines.push(`- ${parts.filter(Boolean).join(' ')}`);
    }
  }
  if (agenda.items.length === 0) lines.push('', t('project.agenda.empty'));
  return lines.join('\n');
}

/** The agenda on screen: the same lines as the text copy, each work item key opening that work item. */
function AgendaList({ agenda }: { agenda: Agenda }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <div className="cx-agenda-text">
      {AGENDA_KINDS.filter((kind) => agenda.items.some((i) => i.kind === kind)).map((kind) => (
        <section key={kind}>
          <h4>{t(`project.agenda.kind.${kind}`)}</h4>
          <ul>
            {agenda.items
              .filter((i) => i.kind === kind)
              .map((i) => (
                <li key={i.id}>
                  {i.issueKey && i.waitsFor ? (
                    t.rich('project.agenda.waitsFor', {
                      key: <WorkItemLink issueKey={i.issueKey} />,
                      other: <WorkItemLink issueKey={i.waitsFor} />,
                      what: i.title,
                    })
                  ) : i.issueKey ? (
                    <WorkItemLink issueKey={i.issueKey} summary={i.title} />
                  ) : (
                    i.title
                  )}{' '}
                  ({t(`project.agenda.reason.${i.reason}`)}){i.owner ? ` — ${i.owner.displayName}` : ''}
                  {i.due ? ` · ${dueText(i.due, fmt)}` : ''}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The weekly cross-department sync's agenda (问题清单), built from the project's open problems. */
function AgendaView({ overview, data }: SectionProps & { data: Agenda; retry: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const agenda = data;
  const copy = async (markdown: boolean) => {
    try {
      await navigator.clipboard.writeText(agendaText(agenda, t, fmt, markdown));
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Section
      title={t('project.agenda.heading', { week: fmt.date(agenda.weekOf) })}
      aside={
        <div className="cx-toolbar">
          <Button appearance="default" onClick={() => void copy(false)}>
            {t('project.agenda.copyText')}
          </Button>
          <Button appearance="default" onClick={() => void copy(true)}>
            {t('project.agenda.copyMarkdown')}
          </Button>
          <CsvButton
            filename={`${overview.project.key}-agenda-${agenda.weekOf}.csv`}
            header={[
              t('project.agenda.item'),
              t('project.agenda.reason'),
              t('project.actions.issue'),
              t('project.common.owner'),
              t('project.common.due'),
            ]}
            rows={() =>
              agenda.items.map((i) => [
                `${t(`project.agenda.kind.${i.kind}`)}: ${i.issueKey && i.waitsFor ? t('project.agenda.waitsFor', { key: i.issueKey, other: i.waitsFor, what: i.title }) : i.title}`,
                t(`project.agenda.reason.${i.reason}`),
                i.issueKey,
                i.owner?.displayName ?? '',
                i.due,
              ])
            }
          />
        </div>
      }
    >
      <p role="status" className="cx-muted">
        {copied === 'ok' ? t('project.agenda.copied') : copied === 'failed' ? t('project.agenda.copyFailed') : ''}
      </p>
      {agenda.items.length === 0 ? (
        <EmptyState>{t('project.agenda.empty')}</EmptyState>
      ) : (
        <AgendaList agenda={agenda} />
      )}
    </Section>
  );
}

export const AgendaSection = withData((client) => client.call('getAgenda', {}), AgendaView);
