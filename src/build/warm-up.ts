/**
 * A thread's first PDF costs about three times a later one: code V8 has not compiled
 * yet, fonts not parsed yet. A PDF worker writes this small document (headings,
 * contents, styled runs in three scripts, a list, a table, a chart with text) while the
 * main thread is still loading the workspace, so its first real document is not its
 * slowest. What it leaves behind are caches whose entries depend only on their keys
 * (parsed font tables, a measured chart): no output changes.
 */
import { fromHtml } from 'hast-util-from-html';
import type { SemanticDocument } from '../model/document.js';
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

const chart =
  '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="90" viewBox="0 0 320 90">' +
  '<g><rect x="60" y="10" width="200" height="20" fill="#8a1c1c"></rect>' +
  '<text x="4" y="24" font-family="Roboto" font-size="10">Алматы Қаңтар 2022</text>' +
  '<text x="4" y="60" font-family="Roboto" font-size="10" font-weight="bold">Almaty, January</text></g></svg>';

const html = `<header class="cover"><h1>Warm-up</h1><p>${en}</p></header>
<nav class="contents"><h2>Contents</h2></nav>
<section><h2>${en.slice(0, 30)}</h2>${paragraph('en', en)}${paragraph('ru', ru)}
<h3>${kk.slice(0, 30)}</h3>${paragraph('kk', kk)}
<ul><li>${ru}</li><li>${kk}</li></ul><ol><li>${en}</li></ol>
<figure>${chart}<figcaption>${en}</figcaption></figure>
<table><thead><tr><th>${en.slice(0, 8)}</th><th>${ru.slice(0, 8)}</th></tr></thead>
<tbody><tr><td>${kk}</td><td>225</td></tr></tbody></table></section>`;

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
    tree: fromHtml(html, { fragment: true }),
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
