/**
 * Page-break rules for the rows of a table (pdfmake has none of its own for rows, only
 * `headerRows`, `keepWithHeaderRows` and `dontBreakRows`), read from keys of the table
 * that pdfmake ignores:
 *
 * - `continuedHeaderRows`: the first rows of the header are shown only at the top of a
 *   page: where the table runs onto a new page, above the rows repeated there, and where
 *   the table itself opens a page, whether its header moves on to it or it starts there
 *   (the page before ended where the table would have started). A chronology's day shows
 *   its date where it starts on a page, and "Time | Event" above its date at the head of a
 *   page, as a reader of a printed table expects of a table continued.
 * - `widowRows`: the last rows of a table (of rows that never split, `dontBreakRows`)
 *   move on together: where the table breaks, it leaves at least this many on the new
 *   page. The definition keeps `keepWithHeaderRows` from leaving fewer after it.
 *
 * Both are applied as the rows are laid out, in the one layout pass, with pdfmake's own
 * means: a fragment repeated on every new page, and a block kept whole.
 */
import { pdfmakeClass, type PageContext } from './pdfmake-layout.js';

/** What a table of the document definition may carry for these rules. */
export interface RowRules {
  readonly continuedHeaderRows?: number;
  readonly widowRows?: number;
}

interface Fragment {
  readonly items: unknown[];
  readonly height: number;
}
interface Context extends PageContext {
  readonly pages: readonly { items: unknown[] }[];
  moveDown(offset: number): boolean;
}
interface Writer {
  readonly transactionLevel: number;
  repeatables: Fragment[];
  context(): Context;
  currentBlockToRepeatable(): Fragment;
  beginUnbreakableBlock(): void;
  commitUnbreakableBlock(): void;
}
interface Processor {
  readonly tableNode: { table: RowRules & { body: readonly unknown[] }; _margin?: readonly number[] | null };
  readonly rowsWithoutPageBreak: number;
  readonly dontBreakRows: boolean;
  beginTable(writer: Writer): void;
  beginRow(rowIndex: number, writer: Writer): void;
  endRow(rowIndex: number, writer: Writer, pageBreaks: unknown): void;
  endTable(writer: Writer): void;
  /** The table starts at the head of a page: the rows shown only there stay in its header's block. */
  opensPage?: boolean;
  /** Where the rows shown only on continuation start in the header's block. */
  continuedFrom?: { y: number; items: number };
  /** The rows shown only where the table continues are among the writer's repeatables, above the table's own header. */
  continuedPushed?: boolean;
  /** The last rows are being laid out as one block (widowRows). */
  keepingLast?: boolean;
}

const hidden = (p: Processor): number => p.tableNode.table.continuedHeaderRows ?? 0;

/** Inside the header's block (a transaction), nothing placed on a page yet. */
const inBlock = (p: Processor, w: Writer): boolean =>
  p.rowsWithoutPageBreak > 0 && w.transactionLevel > 0 && w.context().pages.length === 1;

/**
 * Nothing above the table on its page: its top margin is all that is there (none where
 * the margin itself did not fit at the foot of the page before). Only a table outside any
 * other block can tell: inside one, where the block will be placed is not known yet.
 */
function beginTable(original: Processor['beginTable']): Processor['beginTable'] {
  return function (this: Processor, writer) {
    const c = writer.context();
    const margin = this.tableNode._margin?.[1] ?? 0;
    this.opensPage = writer.transactionLevel === 0 && c.y - margin <= c.pageMargins.top + 0.5;
    original.call(this, writer);
  };
}

function beginRow(original: Processor['beginRow']): Processor['beginRow'] {
  return function (this: Processor, rowIndex, writer) {
    if (rowIndex === 0 && hidden(this) > 0 && inBlock(this, writer)) {
      const c = writer.context();
      this.continuedFrom = { y: c.y, items: c.pages[0]!.items.length };
    }
    original.call(this, rowIndex, writer);
    const { body, widowRows = 0 } = this.tableNode.table;
    // A row of its own (not in the header's block) that starts the last rows: they move on together.
    if (
      widowRows > 1 &&
      this.dontBreakRows &&
      rowIndex === body.length - widowRows &&
      rowIndex >= this.rowsWithoutPageBreak
    ) {
      writer.beginUnbreakableBlock();
      this.keepingLast = true;
    }
  };
}

function endRow(original: Processor['endRow']): Processor['endRow'] {
  return function (this: Processor, rowIndex, writer, pageBreaks) {
    original.call(this, rowIndex, writer, pageBreaks);
    const from = this.continuedFrom;
    if (from && rowIndex === hidden(this) - 1) {
      // Laid out to be measured and repeated (with the table's top rule, if it has one), then
      // taken back out of the header's block, unless the table starts at the head of a page.
      // Repeated from now on: where the header's block itself moves on to a new page, it
      // opens that page under these rows, as a continued table would; pdfmake then puts the
      // table's own header above the rows it repeats.
      const c = writer.context();
      const rows = writer.currentBlockToRepeatable();
      if (!this.opensPage) {
        c.pages[0]!.items.length = from.items;
        c.moveDown(from.y - c.y);
      }
      writer.repeatables.push(rows);
      this.continuedFrom = undefined;
      this.continuedPushed = true;
    }
    if (this.keepingLast && rowIndex === this.tableNode.table.body.length - 1) {
      this.keepingLast = false;
      writer.commitUnbreakableBlock();
    }
  };
}

function endTable(original: Processor['endTable']): Processor['endTable'] {
  return function (this: Processor, writer) {
    original.call(this, writer);
    if (this.continuedPushed) writer.repeatables.pop();
    this.continuedPushed = false;
  };
}

/** Installs the rules in this thread's pdfmake. */
export function installRowRules(): void {
  const processor = pdfmakeClass<Processor>('TableProcessor');
  processor.prototype.beginTable = beginTable(processor.prototype.beginTable);
  processor.prototype.beginRow = beginRow(processor.prototype.beginRow);
  processor.prototype.endRow = endRow(processor.prototype.endRow);
  processor.prototype.endTable = endTable(processor.prototype.endTable);
}
