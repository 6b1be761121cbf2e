/**
 * Entry point of `apex-pattern-lint-server`. The transport comes from the
 * command line as vscode-languageserver understands it: `--stdio`,
 * `--node-ipc`, `--socket=<port>` or `--pipe=<name>`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const TRANSPORTS = /^--(stdio|node-ipc|socket|pipe|clientProcessId)/;

export function main(argv: string[]): void {
  if (!argv.some((a) => TRANSPORTS.test(a))) {
    process.stderr.write('Usage: apex-pattern-lint-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n');
    process.exitCode = 2;
    return;
  }
  const connection = createConnection(ProposedFeatures.all);
  // One bad file or handler must not take the server down with it.
  process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e.stack ?? String(e)}`));
  process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));
  startServer(connection);
}
