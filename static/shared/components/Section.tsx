import { useId, type ReactNode } from 'react';

interface SectionProps {
  title: string;
  /** Heading level within the page; sections of a view are h2, their parts h3. */
  level?: 2 | 3;
  /** Shown beside the heading, e.g. a count or a state lozenge. */
  aside?: ReactNode;
  children: ReactNode;
}

export function Section({ title, level = 2, aside, children }: SectionProps) {
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className={`cx-section cx-section-${level}`} aria-labelledby={id}>
      <div className="cx-section-header">
        <Heading id={id} className={`cx-heading-${level}`}>
          {title}
        </Heading>
        {aside}
      </div>
      {children}
    </section>
  );
}
