// esbuild plugin for the CLI bundle: an `import { a, b } from '../device/index'` in cli/ becomes imports
// from the modules that define a and b. The source keeps its one door (style guide §1, lint); the
// bundle does not, because esbuild's code splitting puts everything a barrel re-exports into one chunk
// that every command then loads at start-up (issue 10: `otp get` would parse QR, backups and the
// virtual token). Names the barrel does not show plainly stay imported from it.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const DECLARATION =
  /export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|abstract\s+class|enum)\s+([A-Za-z_$][\w$]*)/g;
const RE_EXPORT = /export\s+(type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'/g;
const STAR = /export\s+\*\s+from\s*'([^']+)'/g;
const LOCAL_LIST = /export\s+\{([^}]*)\}\s*;/g;

/** The file a relative specifier names (TypeScript sources: `./x` is `./x.ts` or `./x/index.ts`). */
function sourceFile(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const f of [`${base}.ts`, join(base, 'index.ts'), base]) {
    try {
      readFileSync(f);
      return f;
    } catch {
      // try the next form
    }
  }
  return null;
}

/** Value exports of a module: exported name → { file, name } of its definition. */
function valueExports(file, seen = new Set()) {
  const out = new Map();
  if (seen.has(file)) return out;
  seen.add(file);
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  for (const m of text.matchAll(DECLARATION)) out.set(m[1], { file, name: m[1] });
  for (const m of text.matchAll(LOCAL_LIST)) {
    for (const part of m[1].split(',')) {
      const [name, as] = part.trim().split(/\s+as\s+/);
      if (name && !name.startsWith('type ')) out.set(as ?? name, { file, name });
    }
  }
  for (const m of text.matchAll(RE_EXPORT)) {
    if (m[1]) continue;
    const target = sourceFile(file, m[3]);
    if (!target) continue;
    const inner = valueExports(target, seen);
    for (const part of m[2].split(',')) {
      const p = part.trim();
      if (!p || p.startsWith('type ')) continue;
      const [name, as] = p.split(/\s+as\s+/);
      out.set(as ?? name, inner.get(name) ?? { file: target, name });
    }
  }
  for (const m of text.matchAll(STAR)) {
    const target = sourceFile(file, m[1]);
    if (!target) continue;
    for (const [k, v] of valueExports(target, seen)) if (!out.has(k)) out.set(k, v);
  }
  return out;
}

/** The plugin: `barrel` is the absolute path of device/index.ts, `dir` the folder whose files are rewritten. */
export function flatBarrel({ barrel, dir }) {
  const exports = valueExports(barrel);
  const IMPORT = /import\s+(type\s+)?\{([^}]*)\}\s*from\s*'([^']+)';/g;
  /** The defining file of each name, or null when one is unknown or renamed by the barrel. */
  const filesOf = (names) => {
    const files = new Set();
    for (const name of names) {
      const found = exports.get(name);
      if (!found || found.name !== name) return null;
      files.add(found.file);
    }
    return [...files];
  };
  /**
   * `const { a, b } = await import('../device/index')` and `(await import('../device/index')).a`
   * load the defining modules instead (cli/family.ts, cli/cmd-virtual.ts).
   */
  const flattenDynamic = (source, from) =>
    source
      .replace(/const\s*\{([^}]*)\}\s*=\s*await\s+import\(\s*'([^']+)'\s*\)/g, (whole, list, spec) => {
        if (sourceFile(from, spec) !== barrel) return whole;
        const names = list
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
        const files = names.every((n) => /^[\w$]+$/.test(n)) ? filesOf(names) : null;
        if (!files) return whole;
        const loads = files.map((f) => `import(${JSON.stringify(f)})`).join(', ');
        return `const {${list}} = Object.assign({}, ...(await Promise.all([${loads}])))`;
      })
      .replace(/\(await\s+import\(\s*'([^']+)'\s*\)\)\.([A-Za-z_$][\w$]*)/g, (whole, spec, name) => {
        if (sourceFile(from, spec) !== barrel) return whole;
        const files = filesOf([name]);
        return files ? `(await import(${JSON.stringify(files[0])})).${name}` : whole;
      });
  return {
    name: 'flat-barrel',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(dir)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        const contents = source.replace(IMPORT, (whole, isType, list, spec) => {
          if (sourceFile(args.path, spec) !== barrel) return whole;
          if (isType) return '';
          const byFile = new Map();
          const rest = [];
          for (const part of list.split(',')) {
            const p = part.trim();
            if (!p || p.startsWith('type ')) continue;
            const [name, as] = p.split(/\s+as\s+/);
            const found = exports.get(name);
            const spec = found && found.name === name ? name : found ? `${found.name} as ${name}` : null;
            const local = as ? `${found ? found.name : name} as ${as}` : spec;
            if (!found) rest.push(as ? `${name} as ${as}` : name);
            else byFile.set(found.file, [...(byFile.get(found.file) ?? []), local]);
          }
          const lines = [...byFile].map(
            ([file, names]) => `import { ${names.join(', ')} } from ${JSON.stringify(file)};`,
          );
          if (rest.length) lines.push(`import { ${rest.join(', ')} } from ${JSON.stringify(barrel)};`);
          return lines.join('\n');
        });
        return { contents: flattenDynamic(contents, args.path), loader: 'ts' };
      });
    },
  };
}
