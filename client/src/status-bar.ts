/** The status bar item: indexing progress, then the number of findings in the workspace. */
import * as vscode from 'vscode';

const SOURCE = 'apex-pattern-lint';

export class ApexStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  private readonly listener: vscode.Disposable;
  private indexing: { indexed: number; total: number } | undefined;

  constructor() {
    this.item.name = 'Apex Pattern Lint';
    this.item.command = 'workbench.actions.view.problems';
    this.listener = vscode.languages.onDidChangeDiagnostics(() => this.render());
    this.render();
    this.item.show();
  }

  setIndexing(state: { indexing: boolean; indexed: number; total: number }): void {
    this.indexing = state.indexing ? { indexed: state.indexed, total: state.total } : undefined;
    this.render();
  }

  private findings(): number {
    let n = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) n += diagnostics.filter((d) => d.source === SOURCE).length;
    return n;
  }

  private render(): void {
    if (this.indexing) {
      const { indexed, total } = this.indexing;
      this.item.text = `$(sync~spin) Apex ${indexed.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
      this.item.tooltip = 'Apex Pattern Lint: indexing the workspace';
      return;
    }
    const n = this.findings();
    this.item.text = n ? `$(warning) Apex ${n}` : '$(check) Apex';
    this.item.tooltip = `Apex Pattern Lint: ${n} finding(s) in open and linted files`;
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}
