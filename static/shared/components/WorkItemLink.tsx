import type { MouseEvent } from 'react';
import { openIssue } from '../navigation';
import { useT } from '../i18n';

/**
 * A work item's key as a real link (copyable, focusable) with its summary beside it, followed through the host
 * so Jira opens the work item outside the iframe. A long summary is clamped; hovering shows all of it.
 */
export function WorkItemLink({
  issueKey,
  summary,
  keyClassName,
}: {
  issueKey: string;
  summary?: string;
  /** A class for the key itself, where a surface styles or finds it. */
  keyClassName?: string;
}) {
  const t = useT();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    openIssue(issueKey, event.metaKey || event.ctrlKey || event.shiftKey);
  };
  return (
    <span className="cx-work-item">
      <a
        className={`cx-link cx-nowrap${keyClassName ? ` ${keyClassName}` : ''}`}
        href={`#${encodeURIComponent(issueKey)}`}
        onClick={onClick}
        title={summary ? t('common.openWorkItem', { key: issueKey, summary }) : undefined}
      >
        {issueKey}
      </a>
      {summary && (
        <>
          {' '}
          <span className="cx-clamp" title={summary}>
            {summary}
          </span>
        </>
      )}
    </span>
  );
}
