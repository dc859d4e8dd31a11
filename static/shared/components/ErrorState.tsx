import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message';
import type { AppErrorBody } from '@contract';
import { useT } from '../i18n';

/** A failed load: the backend's translated message and a way to try again. */
export function ErrorState({ error, onRetry }: { error: AppErrorBody; onRetry: () => void }) {
  const t = useT();
  return (
    <div className="cx-state" role="alert">
      <SectionMessage appearance="error" title={t('common.errorTitle')} headingLevel="h2">
        <p className="cx-error-message">{error.message}</p>
        <div className="cx-error-actions">
          <Button appearance="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </div>
      </SectionMessage>
    </div>
  );
}
