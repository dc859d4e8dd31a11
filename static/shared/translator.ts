import type { ReactNode } from 'react';
import type { Locale } from '@contract';
import type { MessageKey } from './messages';

export type Params = Readonly<Record<string, string | number>>;

/** Keys that have plural forms: `foo` for `foo.one` + `foo.other`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

export interface Translator {
  (key: MessageKey, params?: Params): string;
  plural(key: PluralKey, n: number, params?: Params): string;
  /** A message with elements in it, e.g. a `<time>` inside "Response due {time}". */
  rich(key: MessageKey, nodes: Readonly<Record<string, ReactNode>>): ReactNode;
  readonly locale: Locale;
}
