/** The language packs the tool has, by language code; any other language gets the plain pack. */
import { en } from './en/index.js';
import { kk } from './kk/index.js';
import { plainPack, type LanguagePack } from './pack.js';
import { ru } from './ru/index.js';

const packs: ReadonlyMap<string, LanguagePack> = new Map([en, ru, kk].map((p) => [p.code, p]));

/** The pack of a locale (`ru`, `ru-RU` → ru; the pseudo-locale `en-XA` → en). */
export function packFor(locale: string): LanguagePack {
  return packs.get(locale.split('-')[0] ?? locale) ?? plainPack(locale);
}

export type { LanguagePack, NumberForm } from './pack.js';
