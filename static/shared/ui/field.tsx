import { useId, type ReactNode } from 'react';
import { useFieldProblems } from './error-scope';

/** What a control says about itself to assistive technology: whether it is wrong, and where its help and error are. */
export interface ControlA11y {
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A labelled form control; `children` gets the control's id and its ARIA attributes. With a `name` (the
 * input's path) inside an `ErrorScope`, the field shows that path's problems under itself and drops them once
 * the user changes the control.
 */
export function Field(props: {
  label: string;
  help?: string;
  name?: string;
  children: (id: string, a11y: ControlA11y) => ReactNode;
}) {
  const id = useId();
  const { problems, changed } = useFieldProblems(props.name, props.label);
  const described = [props.help ? `${id}-help` : '', problems.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  const a11y: ControlA11y = {
    ...(problems.length ? { 'aria-invalid': true as const } : {}),
    ...(described ? { 'aria-describedby': described } : {}),
  };
  return (
    <div className="cx-field" onChange={changed} onInput={changed}>
      <label className="cx-label" htmlFor={id}>
        {props.label}
      </label>
      {props.children(id, a11y)}
      {props.help && (
        <p id={`${id}-help`} className="cx-help">
          {props.help}
        </p>
      )}
      {problems.length > 0 && (
        <p id={`${id}-error`} className="cx-field-error">
          {problems.map((p) => p.message).join(' ')}
        </p>
      )}
    </div>
  );
}
