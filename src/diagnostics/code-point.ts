/** A character as messages name it: `U+202E`. */
export const codePointName = (c: string): string =>
  `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
