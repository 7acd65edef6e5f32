/**
 * A thread's first PDF costs about three times a later one: code V8 has not compiled
 * yet, fonts not parsed yet. A PDF worker writes this small document (headings,
 * contents, styled runs in three scripts, a list, a table, a chart with text) while the
 * main thread is still loading the workspace, so its first real document is not its
 * slowest. What it leaves behind are caches whose entries depend only on their keys
 * (parsed font tables, a measured chart): no output changes.
 */
import { fromHtml } from 'hast-util-from-html';
import type { Element, ElementContent } from 'hast';
import type { Block, SemanticDocument } from '../model/document.js';
import { writePdf } from '../write/pdf.js';

const paragraph = (lang: string, words: string): string =>
  `<p lang="${lang}">${words} <strong>${words.split(' ').slice(0, 3).join(' ')}</strong>, <em>${words
    .split(' ')
    .slice(3, 6)
    .join(' ')}</em><sup>1</sup> ${words}.</p>`;

const en =
  'Security forces opened fire on protesters in Almaty after the government declared a state of emergency';
const ru =
  'Силы безопасности открыли огонь по протестующим в Алматы после объявления чрезвычайного положения';
const kk =
  'Қауіпсіздік күштері төтенше жағдай жарияланғаннан кейін Алматыда наразылық білдірушілерге оқ атты';

/** Drawn as a chart is (write/svg-draw.ts): shapes, a rule, an arc, text placed by `translate`. */
export const warmUpChart =
  '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="90" viewBox="0 0 320 90">' +
  '<g fill="none" transform="translate(0.5,0.5)"><rect x="60" y="10" width="200" height="20" fill="#8a1c1c"></rect>' +
  '<line transform="translate(60,40)" x2="200" y2="0" stroke="#9aa3ab" stroke-width="1" opacity="1"></line>' +
  '<path d="M2.5,0A2.5,2.5,0,1,1,-2.5,0A2.5,2.5,0,1,1,2.5,0" transform="translate(70,60)" fill="#5c6670" fill-opacity="0.2"></path>' +
  '<text text-anchor="end" transform="translate(56,24)" font-family="Roboto" font-size="10px" fill="#1d2327">Алматы Қаңтар 2022</text>' +
  '<text transform="translate(4,60)" font-family="Roboto" font-size="10px" font-weight="bold" fill="#000"><tspan x="0" dy="0">Almaty,</tspan><tspan x="0" dy="12">January</tspan></text></g></svg>';

const flow = (markup: string): ElementContent[] =>
  fromHtml(markup, { fragment: true }).children as ElementContent[];
const inline = (text: string): ElementContent[] => [{ type: 'text', value: text }];
const svg = (fromHtml(warmUpChart, { fragment: true, space: 'svg' }).children as ElementContent[]).find(
  (n): n is Element => n.type === 'element',
)!;

const prose = (markup: string): Block => ({ kind: 'prose', content: flow(markup), untranslated: undefined });

/** A finding in Kazakh: a list, key asks, a chart and a table. */
function finding(): Block {
  return {
    kind: 'section',
    id: 'finding-1',
    level: 3,
    heading: inline(kk.slice(0, 30)),
    role: 'finding',
    lang: 'kk',
    children: [
      prose(`${paragraph('kk', kk)}<ul><li>${ru}</li><li>${kk}</li></ul><ol><li>${en}</li></ol>`),
      {
        kind: 'callout',
        role: 'key-asks',
        heading: 'Key asks',
        note: 'Numbered as in the recommendations.',
        groups: [{ addressee: inline(ru.slice(0, 20)), items: [{ text: inline(kk), number: 1 }] }],
      },
      {
        kind: 'chart',
        id: 'warm-up',
        title: [en.slice(0, 20)],
        subtitle: [ru.slice(0, 30)],
        svg,
        width: 320,
        phone: svg,
        caption: en,
        table: undefined,
        label: 'Figure 1',
      },
      {
        kind: 'table',
        label: 'Table',
        role: undefined,
        header: [en.slice(0, 8), ru.slice(0, 8)],
        rows: [
          {
            role: undefined,
            cells: [
              { lang: 'kk', content: inline(kk) },
              { lang: undefined, content: inline(en) },
            ],
          },
        ],
      },
    ],
  };
}

function body(): Block[] {
  return [
    {
      kind: 'contents',
      heading: 'Contents',
      entries: [{ target: 'summary', level: 2, label: inline(en.slice(0, 30)) }],
    },
    {
      kind: 'section',
      id: 'summary',
      level: 2,
      heading: inline(en.slice(0, 30)),
      role: undefined,
      lang: undefined,
      children: [prose(paragraph('en', en) + paragraph('ru', ru)), finding()],
    },
  ];
}

function document(): SemanticDocument {
  return {
    meta: {
      project: 'warm-up',
      locale: 'en',
      kind: 'release',
      type: 'release',
      audience: undefined,
      title: 'Warm-up',
      subtitle: '',
      shortTitle: 'Warm-up',
      audienceLabel: 'Warm-up',
      runningLabel: 'Warm-up',
      author: '',
      subject: '',
      keywords: '',
      date: '2022-01-16',
      pageSize: 'A4',
      pageLabel: '{{page}} / {{pages}}',
      contentsLabel: 'Contents',
      fallbacks: [],
      figures: [],
      uses: [],
      prose: [],
      texts: [],
      places: [],
      sources: [],
      charts: [],
    },
    body: body(),
  };
}

/** Writes the warm-up document; never fails (a cold writer is slower, not wrong). */
export async function warmUp(): Promise<void> {
  try {
    await writePdf(document());
  } catch {
    // Nothing to report: the real documents report their own problems.
  }
}
