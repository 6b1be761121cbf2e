/** Open, edit, close: the open documents are the project's text for their files. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from '../context';
import { isApexPath, pathOf } from '../convert';
import { guard } from '../runner';

function isLinted(doc: TextDocument): boolean {
  return doc.languageId === 'apex' || isApexPath(doc.uri);
}

export function registerDocuments(ctx: ServerContext): void {
  const { documents } = ctx;
  /** didOpen also fires a content change; the open already scheduled its diagnostics. */
  const justOpened = new Set<string>();

  documents.onDidOpen(
    guard(ctx.log, 'didOpen', ({ document }) => {
      if (!isLinted(document)) return;
      const file = pathOf(document.uri);
      ctx.openPaths.set(file, document.uri);
      const changed = ctx.parses.update(file, document.getText());
      justOpened.add(document.uri);
      // The first diagnostics of a freshly opened file do not wait for the debounce.
      ctx.diagnostics.documentChanged(document.uri, true);
      // Unsaved text that differs from the disk moves findings elsewhere too.
      void changed.then((yes) => yes && ctx.diagnostics.scheduleWorkspace(0));
    }),
  );

  documents.onDidChangeContent(
    guard(ctx.log, 'didChange', ({ document }) => {
      if (justOpened.delete(document.uri) || !isLinted(document) || !ctx.openPaths.has(pathOf(document.uri))) return;
      void ctx.parses.update(pathOf(document.uri), document.getText());
      ctx.diagnostics.documentChanged(document.uri, false);
    }),
  );

  documents.onDidClose(
    guard(ctx.log, 'didClose', ({ document }) => {
      const file = pathOf(document.uri);
      if (!ctx.openPaths.delete(file)) return;
      ctx.settings.forget(document.uri);
      ctx.parses.forget(file);
      ctx.index.closed(file);
      ctx.diagnostics.documentClosed(document.uri);
    }),
  );
}
