/** What a CLI command may touch of the process: its folder and its output streams (tests pass their own), and writing `-o`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { printable } from '../node/files';

export interface CliIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  writeFile?: (file: string, text: string) => void;
}

/** Why the output cannot be written to `file` (checked before linting), if it cannot. */
export function unwritable(file: string): string | undefined {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat?.isDirectory()) return `-o ${printable(file)} is a folder; give a file name`;
  const dir = fs.statSync(path.dirname(file), { throwIfNoEntry: false });
  if (!dir?.isDirectory()) return `-o ${printable(file)}: the folder ${printable(path.dirname(file))} does not exist`;
  return undefined;
}

/** Write `-o FILE`; a failure (permissions, a full disk) is one line on stderr and exit 2, never a stack trace. */
export function writeOutput(io: CliIO, file: string, text: string): number {
  try {
    (io.writeFile ?? (() => undefined))(file, text);
    return 0;
  } catch (e) {
    io.stderr(`apex-pattern-lint: cannot write ${printable(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
}
