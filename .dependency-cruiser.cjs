/**
 * The layers of src/, one way down (README "How the code is laid out"):
 *   cli → pipeline → translation → compose → charts → write → load → i18n → model → fonts, text → diagnostics → runtime
 * A folder may import its own files and the folders below it, never one above it;
 * the writers see only the typed document (model) and the fonts. `npm run lint` fails
 * on any import that goes up, on any cycle, and on an import of an undeclared package.
 */
const layers = [
  'cli',
  'pipeline',
  'translation',
  'compose|charts',
  'write',
  'load',
  'i18n',
  'model',
  'fonts|text',
  'diagnostics',
  'runtime',
];

/** Every folder of a layer may not import a folder of a layer above it. */
const upward = layers.flatMap((layer, i) =>
  i === 0
    ? []
    : [
        {
          name: `no-upward-from-${layer.replace('|', '-')}`,
          comment: `src/${layer} sits below ${layers.slice(0, i).join(', ')}: it may not import them`,
          severity: 'error',
          from: { path: `^src/(${layer})/` },
          to: { path: `^src/(${layers.slice(0, i).join('|')})/` },
        },
      ],
);

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'compose-above-charts',
      comment: 'compose places the charts; the charts know nothing of compose',
      severity: 'error',
      from: { path: '^src/charts/' },
      to: { path: '^src/compose/' },
    },
    {
      name: 'writers-see-the-document',
      comment:
        'the writers draw the typed document: they import the model, the fonts, the diagnostics and the runtime only',
      severity: 'error',
      from: { path: '^src/write/' },
      to: { path: '^src/', pathNot: '^src/(write|model|fonts|text|diagnostics|runtime)/' },
    },
    {
      name: 'pdf-writer-behind-its-adapter',
      comment:
        "the PDF renderer is reached through the writer's adapter only (write/pdf.ts writes a document, write/pdf-known.ts carries what a writer learned): nothing outside src/write imports pdfmake, pdfkit or the writer's pdfmake modules",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/write/' },
      to: {
        path: '^(node_modules/(@types/)?(pdfmake|pdfkit)/|src/write/(pdfmake|pdfkit)[-.]|src/write/shaped-pack\\.ts$)',
      },
    },
    {
      name: 'nothing-to-make-loads-no-composer',
      comment:
        "a build with nothing to make does not load the composer and the HTML and PDF writers: build.ts imports them only once it has documents to make (this rule sees build.ts's own imports; tests/layers.test.ts checks every path, in the bundle)",
      severity: 'error',
      from: { path: '^src/pipeline/build\\.ts$' },
      to: {
        path: '^src/(pipeline/(render-document|document)\\.ts$|compose/|write/)',
        dynamic: false,
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-circular',
      comment: 'no cycle between modules',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-undeclared-package',
      comment: 'every package imported is declared in package.json',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|tests|node_modules)/' },
  },
};
