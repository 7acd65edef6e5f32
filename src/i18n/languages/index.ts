/** The language packs the tool has, by language code; any other language gets the plain pack. */
import { kk } from './kk/index.js';
import { plainPack, type LanguagePack } from './pack.js';
import { ru } from './ru/index.js';

const packs: ReadonlyMap<string, LanguagePack> = new Map([ru, kk].map((p) => [p.code, p]));

/** The pack of a locale (`ru`, `ru-RU` → ru; the pseudo-locale `en-XA` → plain). */
export function packFor(locale: string): LanguagePack {
  return packs.get(locale.split('-')[0] ?? locale) ?? plainPack(locale);
}

export type { LanguagePack } from './pack.js';
