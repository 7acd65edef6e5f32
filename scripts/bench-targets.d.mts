// Types of bench-targets.mjs, for the tests.
export interface Target {
  readonly key: string;
  readonly label: string;
  readonly at: 'most' | 'least';
  readonly bound: number;
  readonly unit: 's' | '×' | 'MB';
  readonly scale?: number;
  readonly beside?: { readonly key: string; readonly label: string; readonly unit: 's' | '×' | 'MB' };
}
export interface TargetRow {
  readonly key: string;
  readonly label: string;
  readonly target: string;
  readonly verdict: 'met' | 'not met' | 'not measured';
  readonly measured?: string;
  readonly value?: number;
  readonly context?: string;
}
export const TARGETS: readonly Target[];
export function readTargets(figures: Record<string, { readonly median?: number } | undefined>): TargetRow[];
export function targetLines(rows: readonly TargetRow[]): string[];
