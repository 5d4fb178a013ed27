/**
 * Path globs as support engineers type them: `*` within one folder, `**` across folders,
 * `?` one character, `{a,b}` alternatives. A glob without `/` matches the file name alone
 * (`*.log`, `porter-*`), like `.gitignore`.
 */

/** Compiles a glob into a tester for POSIX paths. */
export function compileGlob(glob: string, options: { ignoreCase?: boolean } = {}): (path: string) => boolean {
  let source = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          source += '(?:.*/)?';
        } else source += '.*';
      } else source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else if (c === '{') {
      depth++;
      source += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      source += ')';
    } else if (c === ',' && depth > 0) source += '|';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  while (depth-- > 0) source += ')';
  const regex = new RegExp(`^${source}$`, options.ignoreCase ? 'i' : '');
  if (glob.includes('/')) return (path) => regex.test(path);
  return (path) => regex.test(path.slice(path.lastIndexOf('/') + 1));
}
