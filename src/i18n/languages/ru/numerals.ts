/**
 * Russian cardinal numbers in words, 1–99, in every case, agreeing with the counted
 * noun: "одна видеозапись", "двух человек" (animate accusative), "не менее четырёх случаев".
 */
import type { NumberForm } from '../pack.js';

type Case = 'nom' | 'gen' | 'dat' | 'acc' | 'ins' | 'prep';
const cases: readonly Case[] = ['nom', 'gen', 'dat', 'acc', 'ins', 'prep'];

/** Forms in the order nom, gen, dat, ins, prep (the accusative is derived, see below). */
type Paradigm = readonly [string, string, string, string, string];

const one: Record<string, Paradigm> = {
  m: ['один', 'одного', 'одному', 'одним', 'одном'],
  n: ['одно', 'одного', 'одному', 'одним', 'одном'],
  f: ['одна', 'одной', 'одной', 'одной', 'одной'],
};
const twoToFour: Record<number, Paradigm> = {
  2: ['два', 'двух', 'двум', 'двумя', 'двух'],
  3: ['три', 'трёх', 'трём', 'тремя', 'трёх'],
  4: ['четыре', 'четырёх', 'четырём', 'четырьмя', 'четырёх'],
};

/** Numbers ending in -ь decline like "пять": -и in the oblique cases, -ью in the instrumental. */
const soft = (nom: string, stem = nom.slice(0, -1)): Paradigm => [
  nom,
  `${stem}и`,
  `${stem}и`,
  `${stem}ью`,
  `${stem}и`,
];

const simple: Record<number, Paradigm> = {
  5: soft('пять'),
  6: soft('шесть'),
  7: soft('семь'),
  8: ['восемь', 'восьми', 'восьми', 'восемью', 'восьми'],
  9: soft('девять'),
  10: soft('десять'),
  11: soft('одиннадцать'),
  12: soft('двенадцать'),
  13: soft('тринадцать'),
  14: soft('четырнадцать'),
  15: soft('пятнадцать'),
  16: soft('шестнадцать'),
  17: soft('семнадцать'),
  18: soft('восемнадцать'),
  19: soft('девятнадцать'),
  20: soft('двадцать'),
  30: soft('тридцать'),
  40: ['сорок', 'сорока', 'сорока', 'сорока', 'сорока'],
  50: ['пятьдесят', 'пятидесяти', 'пятидесяти', 'пятьюдесятью', 'пятидесяти'],
  60: ['шестьдесят', 'шестидесяти', 'шестидесяти', 'шестьюдесятью', 'шестидесяти'],
  70: ['семьдесят', 'семидесяти', 'семидесяти', 'семьюдесятью', 'семидесяти'],
  80: ['восемьдесят', 'восьмидесяти', 'восьмидесяти', 'восемьюдесятью', 'восьмидесяти'],
  90: ['девяносто', 'девяноста', 'девяноста', 'девяноста', 'девяноста'],
};

const slot: Record<Exclude<Case, 'acc'>, 0 | 1 | 2 | 3 | 4> = { nom: 0, gen: 1, dat: 2, ins: 3, prep: 4 };

function caseOf(name: string | undefined): Case | undefined {
  const c = name ?? 'nom';
  return (cases as readonly string[]).includes(c) ? (c as Case) : undefined;
}

/** A word without gender (5–19, the tens): its accusative is its nominative. */
const plain = (p: Paradigm, c: Case): string => p[c === 'acc' ? slot.nom : slot[c]];

/**
 * The last word of a number, 1–9. Accusative: like the nominative for things, like the
 * genitive for beings ("вижу двух человек"), except 2–4 at the end of a compound, which
 * keep the nominative ("двадцать два человека").
 */
function unitWord(u: number, c: Case, form: NumberForm, compound: boolean): string | undefined {
  const animate = form.animate ?? false;
  if (u === 1) {
    const p = form.gender ? one[form.gender] : undefined;
    if (!p) return undefined;
    if (c === 'acc') return form.gender === 'f' ? 'одну' : p[animate ? slot.gen : slot.nom];
    return p[slot[c]];
  }
  const asGenitive = c === 'acc' && animate && !compound && u <= 4;
  if (u === 2 && (c === 'nom' || (c === 'acc' && !asGenitive))) {
    if (!form.gender) return undefined;
    return form.gender === 'f' ? 'две' : 'два';
  }
  const p = twoToFour[u] ?? simple[u];
  if (!p) return undefined;
  return asGenitive ? p[slot.gen] : plain(p, c);
}

/**
 * A number from 1 to 99 in words, in the case and gender given; undefined when the
 * gender is needed (a last word "один" or "два") but not known, or the case is unknown.
 */
export function russianWords(n: number, form: NumberForm): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n > 99) return undefined;
  const c = caseOf(form.grammaticalCase);
  if (!c) return undefined;
  const teen = n >= 10 && n < 20 ? simple[n] : undefined;
  if (teen) return plain(teen, c);
  const unit = n % 10;
  if (n < 10) return unitWord(unit, c, form, false);
  const tensParadigm = simple[n - unit];
  if (!tensParadigm) return undefined;
  const tens = plain(tensParadigm, c);
  if (!unit) return tens;
  const last = unitWord(unit, c, form, true);
  return last && `${tens} ${last}`;
}
