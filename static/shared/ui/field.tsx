import { useId, type ReactNode } from 'react';

/** A labelled form control; `children` gets the control's id. */
export function Field(props: { label: string; help?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="cx-field">
      <label className="cx-label" htmlFor={id}>
        {props.label}
      </label>
      {props.children(id)}
      {props.help && <p className="cx-help">{props.help}</p>}
    </div>
  );
}
