// Used by scripts/bundle.mjs; tested in tests/bundle-ascii.test.ts.
import { tokenizer } from 'acorn';

/**
 * A bundle's code in ASCII: esbuild escapes strings and templates, but keeps other characters
 * as they are in comments and regular expressions. A file with one of them becomes a
 * two-byte string of twice its size, and the command thread took about 40 ms longer to
 * read its bundle and check it against the code cache (src/runtime/code-cache.ts reads an
 * ASCII bundle as one-byte text). In a comment a `\uXXXX` is only text; in a regular
 * expression it matches the very character, with the `u` flag or without (a character
 * outside the BMP is its two surrogates either way). Anything else keeps its characters.
 */
export function toAscii(code) {
  const spans = [];
  const tokens = tokenizer(code, {
    ecmaVersion: 'latest',
    allowHashBang: true,
    allowReturnOutsideFunction: true,
    onComment: (_block, _text, start, end) => spans.push([start, end]),
  });
  for (const token of tokens) if (token.type.label === 'regexp') spans.push([token.start, token.end]);
  spans.sort((a, b) => a[0] - b[0]);
  let s = 0;
  return code.replace(/(\\*)([\u0080-\uffff])/g, (match, slashes, char, at) => {
    const pos = at + slashes.length;
    while (s < spans.length && spans[s][1] <= pos) s++;
    if (!(s < spans.length && spans[s][0] <= pos)) return match;
    // `\…` in a regular expression is the character itself: its escape takes the backslash's place.
    const kept = slashes.length % 2 ? slashes.slice(1) : slashes;
    return `${kept}\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
