/**
 * What a reader finds where: a briefing's main part and annex, a news release's
 * masthead, dateline and contacts, a cover with the organisation's mark and date of
 * issue; and an organisation's logo checked like any input.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { composeDocument } from '../src/pipeline/document.js';
import { loadWorkspace, type Workspace } from '../src/pipeline/workspace.js';
import type { Block, SemanticDocument } from '../src/model/document.js';
import { plainText } from '../src/compose/walk.js';
import { treeOf } from './helpers/document.js';
import { selectAll } from './helpers/select.js';
import { toText } from './helpers/text.js';
import { makeWorkspace, removeWorkspace, repoRoot } from './helpers/workspace.js';

let ws: Workspace;
beforeAll(() => {
  ws = loadWorkspace(repoRoot, ['kazakhstan-2022']);
});

const doc = (kind: 'release' | `briefing-${string}`, locale = 'en'): SemanticDocument =>
  composeDocument(ws, ws.projects[0]!, locale, kind);
const kinds = (blocks: readonly Block[]): string[] => blocks.map((b) => b.kind);
/** What the key asks box says of its numbers (locales/<lng>/common.json, `callout.numbered`). */
const numberedNote: Record<string, string> = {
  en: 'Numbered as in the recommendations.',
  ru: 'Нумерация — как в разделе «Рекомендации».',
  kk: 'Нөмірлері «Ұсынымдар» бөліміндегідей.',
};

describe('a briefing: a main part, then the annex', () => {
  test('the main part holds the summary and the recommendations; the annex the evidence and the sources', () => {
    const d = doc('briefing-osce');
    expect(kinds(d.body)).toEqual(['cover', 'contents', 'section', 'section', 'part']);
    const main = d.body.flatMap((b) => (b.kind === 'section' ? [b.id] : []));
    expect(main).toEqual(['summary', 'recommendations']);
    const annex = d.body.find((b) => b.kind === 'part');
    // Charts are rendered by the build and handed in; composed alone, a document has none.
    expect(
      annex?.kind === 'part' && annex.children.map((c) => (c.kind === 'section' ? c.id : c.kind)),
    ).toEqual(['findings', 'chronology', 'references']);
  });

  test('each audience orders its annex by its own recipe', () => {
    const annex = doc('briefing-un').body.find((b) => b.kind === 'part');
    expect(annex?.kind === 'part' && annex.children.map((c) => (c.kind === 'section' ? c.id : ''))).toEqual([
      'chronology',
      'findings',
      'references',
    ]);
  });

  test('every key ask names whom it asks, each addressee once', () => {
    const tree = treeOf(doc('briefing-eu', 'ru'));
    const box = selectAll(tree, 'aside').find((a) => String(a.properties.className).includes('key-asks'))!;
    expect(selectAll(box, 'li')).toHaveLength(4);
    const addressees = selectAll(box, 'p').map((p) => toText(p));
    expect(addressees).toEqual([...new Set(addressees)]);
    expect(toHtml(box)).toMatch(
      /<p class="addressee">Правительство Казахстана<\/p>\s*<ol>\s*<li value="\d+">Провести/,
    );
  });

  test('key asks are grouped by addressee in the order of their first ask', () => {
    // The OSCE recipe: government, OSCE participating States, government, government.
    const box = doc('briefing-osce')
      .body.flatMap((b) => (b.kind === 'section' ? b.children : []))
      .find((b) => b.kind === 'callout');
    expect(box?.kind).toBe('callout');
    if (box?.kind !== 'callout') return;
    expect(box.groups.map((g) => [plainText(g.addressee), g.items.length])).toEqual([
      ['The Government of Kazakhstan', 3],
      ['OSCE participating States', 1],
    ]);
    expect(plainText(box.groups[0]!.items[1]!.text)).toMatch(/^Immediately annul any order/);
  });

  // Numbered 1–4 of their own, the box's second ask ("annul the order") read as
  // recommendation 2 ("investigate all allegations") to anyone who compared the lists.
  test.each(['en', 'ru', 'kk'])(
    '%s: each key ask carries the number its recommendation has in the same briefing',
    (locale) => {
      for (const kind of ['briefing-osce', 'briefing-un', 'briefing-eu'] as const) {
        const tree = treeOf(doc(kind, locale));
        const box = selectAll(tree, 'aside').find((a) =>
          String(a.properties.className).includes('key-asks'),
        )!;
        const section = selectAll(tree, 'section').find((x) => x.properties.id === 'recommendations')!;
        const numbered = selectAll(section, 'li').map((li, i) => [toText(li), i + 1] as const);
        const asks = selectAll(box, 'li');
        expect(asks.length).toBeGreaterThan(1);
        for (const ask of asks) {
          const same = numbered.find(([text]) => text === toText(ask));
          expect(same, `${kind} ${locale}: ${toText(ask)}`).toBeDefined();
          expect(Number(ask.properties.value)).toBe(same![1]);
        }
        // The second ask of the OSCE box is not recommendation 2.
        if (kind === 'briefing-osce') expect(Number(asks[1]!.properties.value)).not.toBe(2);
        // And the box says so: 10, 1, 12 would read as a list out of order.
        const note = selectAll(box, 'p').find((p) => String(p.properties.className) === 'note');
        expect(note && toText(note)).toBe(numberedNote[locale]);
      }
    },
  );

  test('a briefing without its recommendations section numbers no ask, and says nothing of numbers', () => {
    const root = makeWorkspace({ 'kazakhstan-2022': join(repoRoot, 'content', 'kazakhstan-2022') });
    try {
      const file = join(root, 'content', 'kazakhstan-2022', 'project.yaml');
      const yaml = readFileSync(file, 'utf8').replace(/^ {2}osce:\n/m, '  osce:\n    sections: [summary]\n');
      writeFileSync(file, yaml);
      const alone = loadWorkspace(root);
      const box = composeDocument(alone, alone.projects[0]!, 'ru', 'briefing-osce')
        .body.flatMap((b) => (b.kind === 'section' ? b.children : []))
        .find((b) => b.kind === 'callout');
      expect(box?.kind === 'callout' && box.groups.flatMap((g) => g.items.map((i) => i.number))).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      expect(box?.kind === 'callout' && box.note).toBe('');
    } finally {
      removeWorkspace(root);
    }
  });

  test.each(['en', 'ru', 'kk'])(
    '%s: a key figure shows an earlier value only where it differs from the current one',
    (locale) => {
      // security_forces_killed: at least 18 (6 January), 19 (11 January), 19 (15 January, current).
      const box = doc('briefing-un', locale)
        .body.flatMap((b) => (b.kind === 'section' ? b.children : []))
        .find((b) => b.kind === 'keyFigures');
      const item =
        box?.kind === 'keyFigures' ? box.items.find((i) => i.id === 'security_forces_killed') : undefined;
      const earlier = plainText(item!.earlier!);
      expect(earlier).toMatch(/18/);
      expect(earlier).not.toMatch(/19/);
    },
  );

  test('the cover has the organisation’s mark, the date of issue and whom to contact', () => {
    const html = toHtml(treeOf(doc('briefing-osce', 'kk')));
    expect(html).toMatch(/<span class="logo" aria-hidden="true"><svg/);
    // Dates keep their parts together with no-break spaces (house style).
    expect(html.replace(/\u00a0/g, ' ')).toContain('Шығарылған күні: 2022 жылғы 16 қаңтар');
    expect(html).toMatch(/Қосымша ақпарат алу үшін: .*<a href="mailto:briefings@example.org">/);
  });
});

describe('a news release', () => {
  test('no cover: masthead, headline, standfirst, the datelined story, recommendations, end mark, contacts', () => {
    const d = doc('release');
    expect(kinds(d.body)).toEqual(['masthead', 'prose', 'section', 'contacts', 'section']);
    const text = toText(treeOf(d)).replace(/\s+/g, ' ');
    expect(d.meta.title).toBe(
      'Kazakhstan: Killings and Excessive Force in Almaty Require an Independent Investigation',
    );
    expect(text).toContain(
      'Partners should press for an investigation into the abusive response to protests and unrest (Almaty, 16 January 2022) – Kazakh security forces used excessive force',
    );
    expect(text).toMatch(
      /### For more information Advocacy team \(media enquiries\), briefings@example\.org Sources/,
    );
  });

  test('the dateline is in the document’s language', () => {
    expect(toText(treeOf(doc('release', 'ru'))).replace(/\u00a0/g, ' ')).toContain(
      '(Алматы, 16 января 2022 г.) —',
    );
    expect(toText(treeOf(doc('release', 'kk'))).replace(/\u00a0/g, ' ')).toContain(
      '(Алматы, 2022 жылғы 16 қаңтар) —',
    );
  });
});

describe('the organisation’s logo', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) {
      removeWorkspace(root);
      rmSync(`${root}-secret.svg`, { force: true });
    }
    root = undefined;
  });
  const withLogo = (file: string, bytes: string | Buffer): string[] => {
    root = makeWorkspace();
    const project = join(root, 'content', 'test');
    const yaml = join(project, 'project.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}organisation:\n  logo: ${file}\n`);
    if (bytes !== '') writeFileSync(join(project, file), bytes);
    const problems = (): string[] =>
      loadWorkspace(root!).diagnostics.map((d) => `${d.rule} ${d.line ?? ''}:${d.column ?? ''} ${d.message}`);
    const first = problems();
    // Loaded again, the checked logo comes from the memo store (load/logo.ts): the same answer.
    expect(problems()).toEqual(first);
    return first;
  };

  test('an SVG of shapes is taken, and drawn on the cover', () => {
    expect(
      withLogo(
        'logo.svg',
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
      ),
    ).toEqual([]);
  });

  test('a PNG is taken', () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c63f80f040009fb03fdfb5e6b2b0000000049454e44ae426082',
      'hex',
    );
    expect(withLogo('logo.png', png)).toEqual([]);
  });

  test('a PNG cut short is refused where it is named, not left for the PDF writer to fail on', () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c63f80f040009fb03fdfb5e6b2b0000000049454e44ae426082',
      'hex',
    );
    for (const cut of [png.subarray(0, 40), png.subarray(0, png.length - 12)])
      expect(withLogo('logo.png', cut)).toEqual([
        expect.stringMatching(/file\/encoding \d+:\d+ the logo is not a PNG image/),
      ]);
  });

  test('a PNG declaring more pixels than a logo could need is refused before the PDF has to draw it', () => {
    // A whole PNG (its chunks intact) whose header says 100000 × 100000: pdftoppm took minutes on the PDF.
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000186a0000186a008060000001f15c4890000000b49444154789c63f80f040009fb03fdfb5e6b2b0000000049454e44ae426082',
      'hex',
    );
    expect(withLogo('logo.png', png)).toEqual([
      expect.stringMatching(
        /file\/encoding 1:1 the logo is 100000 × 100000 pixels; a logo may be at most 4000 × 4000/,
      ),
    ]);
  });

  test.each([
    ['fill', '<svg>\n  <rect fill="url(https://evil.example/p#g)"/></svg>', 'rect[fill]', '2:3'],
    ['stroke', '<svg><g>\n<path stroke="URL( \'//evil.example/p\' )"/></g></svg>', 'path[stroke]', '2:1'],
    ['filter', '<svg><rect filter="url(data:image/svg+xml,x)"/></svg>', 'rect[filter]', '1:6'],
    ['mask', '<svg><rect mask="\\75 rl(https://evil.example/m)"/></svg>', 'rect[mask]', '1:6'],
    ['clip-path', '<svg><rect clip-path="url(https://evil.example/c#c)"/></svg>', 'rect[clipPath]', '1:6'],
    ['marker-end', '<svg><path marker-end="url(https://evil.example/m#m)"/></svg>', 'path[markerEnd]', '1:6'],
  ])('an SVG logo whose %s names another file is refused at its element', (_, svg, what, at) => {
    expect(withLogo('logo.svg', svg)).toEqual([
      expect.stringMatching(
        new RegExp(`^file/encoding ${at} the logo holds ${what.replace(/[[\]]/g, '\\$&')}:`),
      ),
    ]);
  });

  test('an SVG logo may name its own gradients and clip paths', () => {
    const svg =
      '<svg><defs><linearGradient id="g"><stop offset="0"/></linearGradient><clipPath id="c"><rect/></clipPath></defs>' +
      '<rect fill="url(#g)" clip-path="url( \'#c\' )"/></svg>';
    expect(withLogo('logo.svg', svg)).toEqual([]);
  });

  test('an SVG logo with a document type or entities is refused at the declaration', () => {
    const svg =
      '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<svg><text>&x;</text></svg>';
    expect(withLogo('logo.svg', svg)).toEqual([
      expect.stringMatching(
        /^file\/encoding 2:1 the logo declares a document type or entities \(<!DOCTYPE\)/,
      ),
    ]);
  });

  test.each([
    ['logo.svg', '<svg><script>alert(1)</script></svg>', /file\/encoding \d+:\d+ the logo holds svg script/],
    ['logo.svg', '<svg><image href="https://tracker.example/x.png"/></svg>', /the logo holds .*image/],
    ['logo.png', 'not a png', /file\/encoding \d+:\d+ the logo is not a PNG image/],
    ['logo.gif', 'GIF89a', /schema\/invalid \d+:\d+ a logo is an \.svg or \.png file/],
    ['missing.svg', '', /file\/missing \d+:\d+ the logo missing\.svg does not exist/],
  ])('%s holding %j is refused at its line in project.yaml', (file, bytes, expected) => {
    const problems = withLogo(file, bytes);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  test('a logo linked from outside the project is not read', () => {
    root = makeWorkspace();
    const project = join(root, 'content', 'test');
    writeFileSync(`${root}-secret.svg`, '<svg><rect/></svg>');
    symlinkSync(`${root}-secret.svg`, join(project, 'logo.svg'));
    const yaml = join(project, 'project.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}organisation:\n  logo: logo.svg\n`);
    const problems = loadWorkspace(root).diagnostics.map((d) => d.rule);
    expect(problems).toEqual(['file/outside-project']);
  });
});

describe('a recipe names each section once', () => {
  test('a section in both the main part and the annex is a located error', () => {
    const root = makeWorkspace();
    try {
      const yaml = join(root, 'content', 'test', 'project.yaml');
      const text = readFileSync(yaml, 'utf8');
      expect(text).toMatch(/\n {2}osce:\n/);
      writeFileSync(
        yaml,
        text.replace(
          /\n {2}osce:\n/,
          '\n  osce:\n    sections: [summary, findings]\n    annex: [findings, chronology]\n',
        ),
      );
      const problems = loadWorkspace(root).diagnostics.map((d) => `${d.rule} ${d.message}`);
      expect(problems).toEqual([
        expect.stringMatching(/^schema\/invalid .*`findings` is already in this audience's document/),
      ]);
    } finally {
      removeWorkspace(root);
    }
  });
});
