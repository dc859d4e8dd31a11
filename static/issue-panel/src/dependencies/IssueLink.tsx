import type { MouseEvent } from 'react';
import { openIssue } from '../../../shared/navigation';
import { useT } from '../../../shared/i18n';

/** The key as a real link (copyable, focusable), followed through the host so Jira opens outside the iframe. */
export function IssueLink({
  issueKey,
  summary,
  siteUrl,
}: {
  issueKey: string;
  summary: string;
  siteUrl: string | null;
}) {
  const t = useT();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    openIssue(issueKey, event.metaKey || event.ctrlKey || event.shiftKey);
  };
  return (
    <a
      className="cx-link"
      href={siteUrl ? `${siteUrl}/browse/${encodeURIComponent(issueKey)}` : `#${issueKey}`}
      onClick={onClick}
      title={t('panel.deps.openIssue', { key: issueKey, summary })}
    >
      {issueKey}
    </a>
  );
}
