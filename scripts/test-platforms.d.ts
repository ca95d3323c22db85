/** Types of scripts/test-platforms.js (plain JavaScript, run by scripts/test.js without tsx). */
export const DEBIAN_ONLY: [string, RegExp | null, RegExp | null, NodeJS.Platform[]?][];
export function suitesFor(
  files: string[],
  platform: NodeJS.Platform,
  root: string,
): { run: string[]; left: { file: string; why: string }[] };
