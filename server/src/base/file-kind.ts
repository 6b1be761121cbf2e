/**
 * Which language a file of the workspace is in. Selection (select/) and the
 * core both ask, so the answer lives at the bottom, once.
 */

/** Scripts the core lints as Lightning components (the adapters pass only `lwc/<name>/*.js`). */
export function isLwcSource(path: string): boolean {
  return /\.js$/i.test(path);
}
