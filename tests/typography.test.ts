import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ElementContent } from 'hast';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { typeset, typesetInline, typesetText } from '../src/compose/typography.js';
import { keepWithNext } from '../src/i18n/keep-next.js';
import { wrapLabel } from '../src/charts/render.js';
import { composeDocument } from '../src/pipeline/document.js';
import { loadWorkspace, type Workspace } from '../src/pipeline/workspace.js';
import { treeOf } from './helpers/document.js';
import { makeWorkspace, removeWorkspace, repoRoot } from './helpers/workspace.js';

const NBSP = '\u00a0';
const text = (value: string): ElementContent => ({ type: 'text', value });
const el = (tagName: string, children: ElementContent[], properties = {}): ElementContent => ({
  type: 'element',
  tagName,
  properties,
  children,
});
const html = (content: ElementContent[]): string => {
  typesetInline(content);
  return toHtml({ type: 'root', children: content });
};

describe('a number keeps the word after it', () => {
  test.each([
    ['at least 18 police officers', `at least 18${NBSP}police officers`],
    ['сентябрь 2019 года', `сентябрь 2019${NBSP}года`],
    ['в 2022 г. и', `в 2022${NBSP}г. и`],
    ['3\u00a0811 человек', `3\u00a0811${NBSP}человек`],
    ['тағы 176 қызметкерінің', `тағы 176${NBSP}қызметкерінің`],
    ['5–10 people', `5–10${NBSP}people`],
    ['1.5 million', `1.5${NBSP}million`],
    ['(см. рис. 2)', `(см. рис.${NBSP}2)`],
  ])('%s', (before, after) => {
    expect(typesetText(before)).toBe(after);
  });

  test.each([
    ['18, police', '18, police'],
    ['COVID-19 pandemic', 'COVID-19 pandemic'],
    ['the A4 format', 'the A4 format'],
    ['19 (see below)', '19 (see below)'],
  ])('but not %s', (before, after) => {
    expect(typesetText(before)).toBe(after);
  });

  test('across the markup between them: a figure and the word after it, a date and «года»', () => {
    expect(
      html([text('including '), el('span', [text('19')], { className: ['fig'] }), text(' members')]),
    ).toBe(`including <span class="fig">19</span>${NBSP}members`);
    expect(html([text('сентябрь '), el('time', [text('2019')], { dateTime: '2019' }), text(' года')])).toBe(
      `сентябрь <time datetime="2019">2019</time>${NBSP}года`,
    );
  });

  test('never across paragraphs, citation marks or the words of a link to another host', () => {
    const content = [
      el('p', [text('in 2019')]),
      text(' '),
      el('p', [text('Police said')]),
      el('p', [text('shot'), el('sup', [el('a', [text('3')], { href: '#ref-3' })]), text(' people')]),
      el('p', [
        el('a', [text('https://example.org/2019')], { href: 'https://example.org/2019' }),
        text(' report'),
      ]),
    ];
    expect(html(content)).not.toContain(NBSP);
  });
});

describe('a case ending keeps its number or abbreviation', () => {
  const NBH = '\u2011';
  test.each([
    ['ЕҚЫҰ-ға қатысушы', `ЕҚЫҰ${NBH}ға қатысушы`],
    ['ЕҚЫҰ-ның тергеу', `ЕҚЫҰ${NBH}ның тергеу`],
    ['80-нен астам', `80${NBH}нен астам`],
    ['a UN-led inquiry', `a UN${NBH}led inquiry`],
  ])('%s', (before, after) => {
    expect(typesetText(before)).toBe(after);
  });

  test.each([
    ['COVID-19 pandemic', 'COVID-19 pandemic'],
    ['well-known', 'well-known'],
    ['ОБСЕ-Казахстан', 'ОБСЕ-Казахстан'],
    ['5-6 January', '5-6 January'],
    ['UN-commissioned', 'UN-commissioned'],
  ])('but not %s', (before, after) => {
    expect(typesetText(before)).toBe(after);
  });

  test('across the markup between them: a figure and its ending', () => {
    expect(html([el('span', [text('80')], { className: ['fig'] }), text('-нен')])).toBe(
      `<span class="fig">80</span>${NBH}нен`,
    );
  });
});

describe("a language's abbreviation keeps the name after it", () => {
  const prose = (value: string, locale: string): string => {
    const content = [el('p', [text(value)])];
    typeset([{ kind: 'prose', content, untranslated: undefined }], locale);
    return toHtml({ type: 'root', children: content });
  };

  test.each([
    ['ru', 'разгон на пл. Республики', `разгон на пл.${NBSP}Республики`],
    ['ru', 'на ул. Сатпаева и им. Абая', `на ул.${NBSP}Сатпаева и${NBSP}им.${NBSP}Абая`],
    ['en', 'said Dr. Smith', `said Dr.${NBSP}Smith`],
    // Not a sentence's end, nor another language's abbreviation, nor one the pack does not list.
    ['ru', 'их было много. Республика', 'их было много. Республика'],
    ['kk', 'пл. Республики', 'пл. Республики'],
    ['en', 'on Main St. The next day', 'on Main St. The next day'],
    // A preposition or conjunction of one letter never ends a Russian line.
    [
      'ru',
      'силы и соразмерно, с 4 по 6 января, в «Алатау»',
      // (The number keeps its word too: «4 по», «6 января».)
      `силы и${NBSP}соразмерно, с${NBSP}4${NBSP}по 6${NBSP}января, в${NBSP}«Алатау»`,
    ],
    ['ru', 'А затем — к центру', `А${NBSP}затем — к${NBSP}центру`],
    ['ru', 'ОДКБ и', 'ОДКБ и'],
  ])('%s: %s', (locale, before, after) => {
    expect(prose(before, locale)).toBe(`<p>${after}</p>`);
  });

  test("in a chart's labels, which compose does not reach, and a label's wrap keeps them", () => {
    expect(keepWithNext('Третий инцидент: стрельба на пл. Республики', 'ru')).toBe(
      `Третий инцидент: стрельба на пл.${NBSP}Республики`,
    );
    const lines = wrapLabel(`стрельба на пл.${NBSP}Республики`, 60);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.at(-1)).toBe(`пл.${NBSP}Республики`);
  });
});

describe('in composed documents', () => {
  let root: string;
  let ws: Workspace;
  beforeAll(() => {
    root = makeWorkspace({ 'kazakhstan-2022': join(repoRoot, 'content', 'kazakhstan-2022') });
    ws = loadWorkspace(root);
  });
  afterAll(() => removeWorkspace(root));

  test.each([
    ['en', 'briefing-osce', /at least 18<\/span> police officers/],
    ['ru', 'briefing-osce', /00:19<\/time> мирные/],
    // The Russian release's numbers all carry their nouns now (`noun=`, joined by a no-break
    // space inside the figure): no number there stands before a word typed after it.
  ])('%s %s: no breakable space after a number before its word', (locale, kind, broken) => {
    const doc = composeDocument(ws, ws.projects[0]!, locale, kind as 'release');
    const out = toHtml(treeOf(doc));
    expect(out).not.toMatch(broken);
    expect(out).toMatch(new RegExp(broken.source.replace(/> /, `>${NBSP}`)));
  });
});
