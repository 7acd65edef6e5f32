#!/usr/bin/env node
/**
 * JSON Schemas of the content files, generated from the zod schemas the loader
 * validates with (src/model/schema.ts), for editors: a file that starts with
 * `# yaml-language-server: $schema=<path>` is completed and checked as it is typed.
 *
 *   npm run schemas            write schemas/*.schema.json
 *   npm run schemas -- --check fail if a schema file is stale (CI)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const s = await import(join(root, 'dist/model/schema.js'));
const files = {
  project: [s.ProjectFile, 'project.yaml: locales, dates, time zone, audiences and what each shows'],
  figures: [s.FiguresFile, 'figures.yaml: every figure, with its dated values or a formula'],
  sources: [s.SourcesFile, 'sources.yaml: every source a figure or a sentence cites'],
  chronology: [s.ChronologyFile, 'chronology.yaml: dated happenings'],
  recommendations: [s.RecommendationsFile, 'recommendations.yaml: asks, their addressees and audiences'],
  findings: [s.FindingsFile, 'findings.yaml: analytical units, their prose in <locale>/findings/<id>.md'],
  quotations: [
    s.QuotationsFile,
    'quotations.yaml: every quotation, its speaker, source and language, and its one rendering per language',
  ],
  texts: [s.TextsFile, '<locale>/texts.yaml: every translatable text that is not long prose'],
};
const check = process.argv.includes('--check');
let stale = 0;
for (const [name, [schema, title]] of Object.entries(files)) {
  const json = {
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    title,
  };
  const text = JSON.stringify(json, null, 2) + '\n';
  const path = join(root, 'schemas', `${name}.schema.json`);
  let before = '';
  try {
    before = readFileSync(path, 'utf8');
  } catch {
    // new
  }
  if (before === text) continue;
  if (check) {
    console.error(`stale: schemas/${name}.schema.json (run \`npm run schemas\`)`);
    stale++;
  } else {
    writeFileSync(path, text);
    console.log(`wrote schemas/${name}.schema.json`);
  }
}
process.exit(stale ? 1 : 0);
