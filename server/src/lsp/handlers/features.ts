/** Code actions and hover: answered from the published findings and the project. */
import * as fs from 'node:fs';
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { codeActions, refusedHover, type EditContext } from '../code-actions';
import type { ServerContext } from '../context';
import { SOURCE, diagnosticKey, pathOf, toLspRange } from '../convert';
import { runSafe } from '../runner';

export function registerFeatures(ctx: ServerContext): void {
  const { connection, documents } = ctx;

  connection.onCodeAction(
    runSafe(ctx.log, 'codeAction', [], async (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      // Fixes computed for another version of the text would edit the wrong code: only this version's publications answer.
      const publications = await ctx.diagnostics.publicationsOf(doc.uri, doc.version);
      // The publication whose diagnostics the client holds: the analysis that produced them has their fixes.
      const keys = params.context.diagnostics.filter((d) => d.source === SOURCE).map(diagnosticKey);
      const entry = publications.find((p) => keys.length > 0 && keys.every((k) => p.byKey.has(k))) ?? publications[0];
      if (!entry || documents.get(doc.uri)?.version !== entry.version) return [];
      const edit: EditContext = {
        documentChanges: ctx.abilities.documentChanges,
        createFiles: ctx.abilities.createFiles,
        disabledActions: ctx.abilities.disabledCodeActions,
        uriFor: ctx.uriFor,
        versionOf: (file) => documents.get(ctx.uriFor(file))?.version ?? null,
        fileExists: (file) => fs.existsSync(file),
      };
      return codeActions(entry, { range: params.range, diagnostics: params.context.diagnostics, only: params.context.only }, edit);
    }),
  );

  connection.onHover(
    runSafe(ctx.log, 'hover', null, async (params): Promise<Hover | null> => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      await ctx.parses.settled(pathOf(doc.uri));
      await ctx.parses.prepare(pathOf(doc.uri));
      const hover = ctx.project.hoverAt(pathOf(doc.uri), { line: params.position.line + 1, character: params.position.character });
      // A client that cannot show a disabled code action reads why a fix is not offered here.
      const entry = ctx.diagnostics.published.get(params.textDocument.uri);
      const refused = !ctx.abilities.disabledCodeActions && entry?.version === doc.version ? refusedHover(entry, params.position) : undefined;
      if (!hover && !refused) return null;
      const markdown = [hover?.markdown, refused?.markdown].filter((m) => m).join('\n\n---\n\n');
      return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: hover ? toLspRange(hover.range) : refused!.range };
    }),
  );
}
