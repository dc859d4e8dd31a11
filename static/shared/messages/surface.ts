import type { Locale } from '@contract';
import * as common from './common';

/** One part of the strings: English defines its keys, Chinese has exactly the same ones. */
export interface MessagePart {
  readonly en: Readonly<Record<string, string>>;
  readonly zh: Readonly<Record<string, string>>;
}

/** A part's Chinese strings, typed from its English ones: a key missing from (or extra in) either language is a type error. */
export type Translation<En> = { readonly [K in keyof En]: string };

/** The keys of some parts (distributes over a union of parts). */
export type KeysOf<P> = P extends { readonly en: infer E } ? keyof E & string : never;

/** Strings for the keys `K`, in both languages. */
export type Messages<K extends string> = { readonly [L in Locale]: { readonly [Key in K]: string } };

export const SHARED_MESSAGES = { en: common.en, zh: common.zh } as const satisfies MessagePart;

/** A surface's strings: the shared components' and those of the parts it renders. */
export function surfaceMessages<P extends readonly MessagePart[]>(
  ...parts: P
): Messages<KeysOf<typeof SHARED_MESSAGES | P[number]>> {
  const merge = (locale: Locale) => Object.assign({}, SHARED_MESSAGES[locale], ...parts.map((part) => part[locale]));
  return { en: merge('en'), zh: merge('zh') };
}
