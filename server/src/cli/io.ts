/** What a CLI command may touch of the process: its folder and its output streams (tests pass their own). */
export interface CliIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  writeFile?: (file: string, text: string) => void;
}
