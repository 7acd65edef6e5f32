import { isAbsolute, resolve } from 'node:path';

/** `--out`, relative to the working directory unless absolute. */
export const outputDir = (cwd: string, out: string): string => (isAbsolute(out) ? out : resolve(cwd, out));
