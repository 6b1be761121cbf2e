/**
 * Which kind of source a path holds, decided here once for every layer: the
 * CLI's discovery, the language server's document filter, the workspace
 * loader and the core's choice of language all ask `sourceKind`. Pure string
 * work on the path (either separator), no file system.
 */

/** An Apex class (`.cls`), an Apex trigger (`.trigger`), or a Lightning Web Component script. */
export type SourceKind = 'class' | 'trigger' | 'lwc';

/**
 * The kind of source at `path`, or undefined when we do not lint it. A
 * Lightning component script is `…/lwc/<name>/<file>.js`, not a Jest test
 * (`__tests__/`, `*.test.js`, `*.spec.js`).
 */
export function sourceKind(path: string): SourceKind | undefined {
  if (/\.cls$/i.test(path)) return 'class';
  if (/\.trigger$/i.test(path)) return 'trigger';
  return isLwcScriptPath(path) ? 'lwc' : undefined;
}

function isLwcScriptPath(file: string): boolean {
  const parts = file.split(/[\\/]/);
  const name = parts[parts.length - 1];
  if (!/\.js$/i.test(name) || /\.(test|spec)\.js$/i.test(name)) return false;
  const at = parts.lastIndexOf('lwc');
  return at >= 0 && at === parts.length - 3 && !parts.includes('__tests__');
}

/** A name a folder walk should look at more closely (`sourceKind` decides on the whole path). */
export function mayBeSource(name: string): boolean {
  return /\.(cls|trigger|js)$/i.test(name);
}

/** Whether the core lints `path` as a Lightning component script (else as Apex). */
export function isLwcSource(path: string): boolean {
  return sourceKind(path) === 'lwc';
}
