/**
 * The command line's shapes, shared by its parser (cli.ts) and its commands
 * (cliCommands.ts).
 */

/** A command line, understood. */
export type Command =
  | { name: 'help' }
  | { name: 'lock'; folders: string[]; python?: string }
  | { name: 'id'; folders: string[] }
  | { name: 'build'; folders: string[]; store: string; python?: string }
  | { name: 'freeze'; id: string; store: string }
  | { name: 'export'; folder: string; out: string }
  | {
      name: 'gc';
      store: string;
      keep: string[];
      dryRun: boolean;
      uv?: string;
    }
  | {
      name: 'warm';
      folders: string[];
      store: string;
      uv: string;
      packages?: string;
      python?: string;
      force: boolean;
      check: boolean;
    };

/** What the command line writes to (the process's streams, or a test's buffers). */
export interface IOutput {
  /** Results, one per line. */
  out: (line: string) => void;
  /** Progress and errors. */
  err: (line: string) => void;
}
