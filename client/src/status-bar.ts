/**
 * The status bar item: indexing progress, then the findings of the
 * workspace by severity, the worst first ("$(error) Apex 4  $(warning) 5"),
 * or a check mark when there are none.
 */
import * as vscode from 'vscode';

const SOURCE = 'apex-pattern-lint';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Text and tooltip for counts: an icon per severity that has findings, worst first. */
export function describeCounts({ errors, warnings, infos }: Counts): { text: string; tooltip: string } {
  const parts = [
    ['error', errors],
    ['warning', warnings],
    ['info', infos],
  ].filter(([, n]) => (n as number) > 0) as [string, number][];
  const tooltip = `Apex Pattern Lint: ${errors} error(s), ${warnings} warning(s), ${infos} info in the workspace`;
  if (!parts.length) return { text: '$(check) Apex', tooltip };
  const [first, ...rest] = parts;
  return { text: [`$(${first[0]}) Apex ${first[1]}`, ...rest.map(([icon, n]) => `$(${icon}) ${n}`)].join('  '), tooltip };
}

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

  private counts(): Counts {
    const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== SOURCE) continue;
        if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
        else counts.infos++;
      }
    }
    return counts;
  }

  private render(): void {
    if (this.indexing) {
      const { indexed, total } = this.indexing;
      this.item.text = `$(sync~spin) Apex ${indexed.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
      this.item.tooltip = 'Apex Pattern Lint: indexing the workspace';
      return;
    }
    const { text, tooltip } = describeCounts(this.counts());
    this.item.text = text;
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}
