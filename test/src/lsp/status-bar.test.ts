/** The status bar's text: the worst severity first, with the count of each (client/out/status-bar.js with the stand-in `vscode`). */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadWithStandIn } from './vscode-stand-in';

type StatusBar = { describeCounts(c: { errors: number; warnings: number; infos: number }): { text: string; tooltip: string } };
const { exports: statusBar } = loadWithStandIn<StatusBar>(path.resolve(__dirname, '..', '..', '..', 'client', 'out', 'status-bar.js'));

describe('VS Code status bar', () => {
  it('shows the worst severity first and the count of each', () => {
    assert.deepEqual(statusBar.describeCounts({ errors: 4, warnings: 5, infos: 0 }), {
      text: '$(error) Apex 4  $(warning) 5',
      tooltip: 'Apex Pattern Lint: 4 error(s), 5 warning(s), 0 info in the workspace',
    });
    assert.equal(statusBar.describeCounts({ errors: 0, warnings: 2, infos: 1 }).text, '$(warning) Apex 2  $(info) 1');
    assert.equal(statusBar.describeCounts({ errors: 0, warnings: 0, infos: 3 }).text, '$(info) Apex 3');
    assert.equal(statusBar.describeCounts({ errors: 0, warnings: 0, infos: 0 }).text, '$(check) Apex');
  });
});
