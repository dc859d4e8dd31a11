import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Person } from '@contract';
import type { CallResult } from '../bridge-client';
import { useT } from '../i18n';
import { PersonChip } from './PersonChip';

export interface UserPickerProps {
  /** The id of the search input, so a form can focus the field it reports an error on. */
  inputId: string;
  label: string;
  help?: string;
  error?: string | undefined;
  /** One person (head, interface person) or a list (members). */
  multiple: boolean;
  value: readonly string[];
  people: ReadonlyMap<string, Person>;
  onChange: (accountIds: string[], chosen?: Person) => void;
  search: (query: string) => Promise<CallResult<{ users: Person[] }>>;
}

type Results =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; query: string; users: Person[] }
  | { status: 'error'; message: string };

/**
 * Picks Jira users through the resolver's user search (Jira's own search, as the viewer). The chosen people
 * are chips with a remove button; the results are a list of buttons, so everything is reachable by keyboard.
 */
export function UserPicker({
  inputId,
  label,
  help,
  error,
  multiple,
  value,
  people,
  onChange,
  search,
}: UserPickerProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results>({ status: 'idle' });
  const latest = useRef(0);
  const helpId = useId();
  const errorId = useId();
  const listId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `search` is stable for the page's life; a new closure must not search again.
  useEffect(() => {
    const q = query.trim();
    const run = ++latest.current;
    if (q === '') {
      setResults({ status: 'idle' });
      return;
    }
    setResults({ status: 'searching' });
    const timer = setTimeout(() => {
      void search(q).then((r) => {
        if (run !== latest.current) return;
        setResults(
          r.ok ? { status: 'done', query: q, users: r.data.users } : { status: 'error', message: r.error.message },
        );
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);

  const choose = (p: Person) => {
    onChange(multiple ? [...value.filter((id) => id !== p.accountId), p.accountId] : [p.accountId], p);
    setQuery('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') setQuery('');
  };
  const canAdd = multiple || value.length === 0;
  const describedBy = [help ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const shown = results.status === 'done' ? results.users.filter((u) => !value.includes(u.accountId)) : [];

  return (
    <div className="cx-field">
      <label className="cx-label" htmlFor={inputId}>
        {label}
      </label>
      {value.length === 0 ? (
        !canAdd && <p className="cx-muted">{t('admin.picker.none')}</p>
      ) : (
        <ul className="cx-chips">
          {value.map((id, i) => {
            const p = people.get(id) ?? { accountId: id, displayName: id };
            return (
              <li key={id} className="cx-chip">
                <PersonChip person={p} />
                <button
                  // With its one person chosen, a single picker has no search box: errors focus the remove button.
                  id={!canAdd && i === 0 ? inputId : undefined}
                  type="button"
                  className="cx-chip-remove"
                  aria-label={t('admin.picker.remove', { name: p.displayName })}
                  onClick={() => onChange(value.filter((v) => v !== id))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {canAdd && (
        <input
          id={inputId}
          className="cx-input"
          type="search"
          autoComplete="off"
          placeholder={t('admin.picker.placeholder')}
          aria-label={multiple ? t('admin.picker.searchLabel', { field: label }) : undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          aria-controls={listId}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKey}
        />
      )}
      <div id={listId} aria-live="polite">
        {results.status === 'searching' && <p className="cx-help">{t('admin.picker.searching')}</p>}
        {results.status === 'error' && <p className="cx-field-error">{results.message}</p>}
        {results.status === 'done' && shown.length === 0 && (
          <p className="cx-help">{t('admin.picker.noMatches', { query: results.query })}</p>
        )}
        {shown.length > 0 && (
          <ul className="cx-suggestions">
            {shown.map((u) => (
              <li key={u.accountId}>
                <button
                  type="button"
                  className="cx-suggestion"
                  aria-label={t('admin.picker.choose', { name: u.displayName })}
                  onClick={() => choose(u)}
                >
                  <PersonChip person={u} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {help && (
        <p id={helpId} className="cx-help">
          {help}
        </p>
      )}
      {error && (
        <p id={errorId} className="cx-field-error">
          {error}
        </p>
      )}
    </div>
  );
}
