import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { fieldProblems, type AppErrorBody } from '@contract';

/** One wrong field: its input path and what is wrong, in the user's language. */
export interface FieldProblem {
  field: string;
  message: string;
}

interface Scope {
  error: AppErrorBody | null;
  problems: FieldProblem[];
  /** The problems a field shows under itself: its own path and the paths inside it ("issueKeys.2"). */
  problemsOf(name: string): FieldProblem[];
  /** The label the user sees for a path, if a field in the form claimed it. */
  labelOf(path: string): string | undefined;
  /** Whether a `Field` in the form shows this path's problems under itself. */
  shownAt(path: string): boolean;
  claim(name: string, label: string): () => void;
  /** The user changed the field: its error is stale and goes. */
  changed(name: string): void;
}

const ErrorScopeContext = createContext<Scope | null>(null);

const covers = (name: string, path: string) => path === name || path.startsWith(`${name}.`);

/**
 * A form's last error, spread over its fields: each `Field` with a `name` shows the problems of its path under
 * itself (all at once), `FormError` the rest, each named by the field's label. A field's problem goes as soon as
 * the user changes that field. `labels` names paths no `Field` shows (a picker, a list built from rows).
 */
export function ErrorScope(props: {
  error: AppErrorBody | null;
  labels?: Readonly<Record<string, string>>;
  children: ReactNode;
}) {
  const claimed = useRef(new Map<string, string>());
  // The fields changed since this error came: a new error starts with none.
  const [changes, setChanges] = useState<{ of: AppErrorBody | null; names: ReadonlySet<string> }>({
    of: null,
    names: new Set(),
  });
  const stale = changes.of === props.error ? changes.names : new Set<string>();
  const claim = useCallback((name: string, label: string) => {
    claimed.current.set(name, label);
    return () => {
      claimed.current.delete(name);
    };
  }, []);
  const scope = useMemo<Scope>(() => {
    const problems = props.error
      ? fieldProblems(props.error).filter((p) => ![...stale].some((s) => covers(s, p.field)))
      : [];
    return {
      error: props.error,
      problems,
      problemsOf: (name) => problems.filter((p) => covers(name, p.field)),
      labelOf: (path) => {
        let best: [string, string] | undefined;
        const all = [...Object.entries(props.labels ?? {}), ...claimed.current];
        for (const [name, label] of all)
          if (covers(name, path) && (!best || name.length > best[0].length)) best = [name, label];
        return best?.[1];
      },
      shownAt: (path) => [...claimed.current.keys()].some((name) => covers(name, path)),
      claim,
      changed: (name) => {
        if (problems.some((p) => covers(name, p.field)))
          setChanges({ of: props.error, names: new Set(stale).add(name) });
      },
    };
  }, [props.error, props.labels, stale, claim]);
  return <ErrorScopeContext.Provider value={scope}>{props.children}</ErrorScopeContext.Provider>;
}

export const useErrorScope = () => useContext(ErrorScopeContext);

/** A field's part in the scope: its problems, and a hook to call when the user changes it. */
export function useFieldProblems(name: string | undefined, label: string) {
  const scope = useErrorScope();
  const claim = scope?.claim;
  useEffect(() => (name && claim ? claim(name, label) : undefined), [name, label, claim]);
  if (!name || !scope) return { problems: [] as FieldProblem[], changed: () => {} };
  return { problems: scope.problemsOf(name), changed: () => scope.changed(name) };
}

/**
 * A field built by hand (not a `Field`: a search with suggestions, a group of choices): its problems show at
 * its end under `errorId` (for the control's `aria-describedby`) and go when the user changes anything in it.
 */
export function FieldGroup(props: { name: string; label: string; errorId: string; children: ReactNode }) {
  const { problems, changed } = useFieldProblems(props.name, props.label);
  return (
    <div className="cx-field" onChange={changed} onInput={changed}>
      {props.children}
      {problems.length > 0 && (
        <p id={props.errorId} className="cx-field-error">
          {problems.map((p) => p.message).join(' ')}
        </p>
      )}
    </div>
  );
}
