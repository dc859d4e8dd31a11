import Spinner from '@atlaskit/spinner';
import { useT } from '../i18n';

export function Loading() {
  const t = useT();
  return (
    <div className="cx-state" role="status" aria-live="polite">
      <Spinner size="medium" label={t('common.loading')} />
    </div>
  );
}
