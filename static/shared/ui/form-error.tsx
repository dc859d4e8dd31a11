import type { AppErrorBody } from '@contract';
import { useFormat, useT } from '../i18n';
import { useErrorScope } from './error-scope';

/**
 * A write's error under its form, announced as it appears. Inside an `ErrorScope` it names the fields whose
 * problems show under them and lists the others by the label the user sees; an error about the whole input
 * shows as it is. A field's path never reaches the user.
 */
export function FormError({ error }: { error: AppErrorBody | null }) {
  const scope = useErrorScope();
  const t = useT();
  const fmt = useFormat();
  if (!error) return null;
  if (!scope || scope.error !== error) {
    return (
      <p className="cx-field-error" role="alert">
        {error.message}
      </p>
    );
  }
  const hadFields = !!(error.field || error.fields?.length);
  if (hadFields && scope.problems.length === 0) return null;
  if (!hadFields) {
    return (
      <p className="cx-field-error" role="alert">
        {error.message}
      </p>
    );
  }
  const marked = scope.problems.filter((p) => scope.shownAt(p.field));
  const rest = scope.problems.filter((p) => !scope.shownAt(p.field));
  const markedLabels = [...new Set(marked.map((p) => scope.labelOf(p.field) ?? ''))].filter(Boolean);
  return (
    <div className="cx-field-error" role="alert">
      {markedLabels.length > 0 && (
        <p>{t.plural('common.form.checkFields', markedLabels.length, { fields: fmt.list(markedLabels) })}</p>
      )}
      {rest.map((p) => {
        const label = scope.labelOf(p.field);
        return (
          <p key={p.field}>{label ? t('common.form.problem', { field: label, message: p.message }) : p.message}</p>
        );
      })}
    </div>
  );
}
