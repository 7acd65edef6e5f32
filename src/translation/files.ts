/**
 * The translation workflow works on file texts, not on the validated model: it must
 * see a broken or half-done translation as it is, and write back byte-exact edits.
 */

/** File texts by workspace-relative path (`content/p/kk/texts.yaml`, `locales/kk/common.json`). */
export type FileSet = ReadonlyMap<string, string>;

/** New texts for files, by workspace-relative path; written all together or not at all. */
export type FileEdits = Map<string, string>;
