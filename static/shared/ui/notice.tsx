import type { ReactNode } from 'react';
import SectionMessage from '@atlaskit/section-message';
import type { AppErrorBody } from '@contract';

export type NoticeTone = 'information' | 'success' | 'warning' | 'error';

/** A message above a view or form (saved, read only, refused…), in Atlassian's section message. */
export function Notice({
  tone,
  title,
  role,
  className,
  children,
}: {
  tone: NoticeTone;
  title?: string;
  role?: 'alert' | 'status';
  className?: string;
  children: ReactNode;
}) {
  return (
    <SectionMessage appearance={tone} {...(title ? { title } : {})}>
      <p className={className} role={role}>
        {children}
      </p>
    </SectionMessage>
  );
}

/** A write's error for the whole form (one that names no field), announced as it appears. */
export function ErrorNotice({ error }: { error: AppErrorBody | null }) {
  if (!error) return null;
  return (
    <Notice tone="error" role="alert">
      {error.message}
    </Notice>
  );
}
