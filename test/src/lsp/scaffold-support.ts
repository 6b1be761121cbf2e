/** Shared by the scaffolding protocol tests: temporary SFDX projects and a client's way of applying file creations. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';

export const API_VERSION = '61.0';
/** The default package directory is deliberately not the first one listed. */
export const MAIN_DEFAULT = path.join('src-app', 'main', 'default');
export const SFDX_PROJECT = JSON.stringify({ packageDirectories: [{ path: 'other-pkg' }, { path: 'src-app', default: true }], sourceApiVersion: API_VERSION });

/** An empty temporary folder (real path); with `sfdxProject`, an SFDX project. */
export function tempDir(sfdxProject?: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'apl-lsp-scaffold-')));
  if (sfdxProject !== undefined) fs.writeFileSync(path.join(dir, 'sfdx-project.json'), sfdxProject);
  return dir;
}

/** Applies file creations and their inserts as a client does, refusing what the CreateFile options refuse. */
export function applyCreations(edit: WorkspaceEdit): void {
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create');
      const file = new URL(change.uri);
      if (fs.existsSync(file) && !change.options?.overwrite) throw new Error(`${change.uri} exists and the edit does not overwrite it`);
      fs.mkdirSync(path.dirname(file.pathname), { recursive: true });
      fs.writeFileSync(file, '');
    } else {
      const file = new URL(change.textDocument.uri);
      let text = fs.readFileSync(file, 'utf8');
      for (const e of change.edits) {
        assert.deepEqual(e.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
        text = e.newText + text;
      }
      fs.writeFileSync(file, text);
    }
  }
}

/** Every file below `dir`, absolute, sorted. */
export function filesBelow(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
