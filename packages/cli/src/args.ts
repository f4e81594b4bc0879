import { parseArgs } from 'node:util';

// The command line's grammar. Errors are UsageError so main() can answer exit code 2 with the
// help hint instead of a stack trace.

export class UsageError extends Error {
  override name = 'UsageError';
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'run';
      definitionFile: string;
      /** JSON text from --input, or undefined. */
      input?: string;
      inputFile?: string;
      tasksModule?: string;
      realTime: boolean;
      quiet: boolean;
    };

export const HELP = `flowdeck — run Amazon States Language state machines locally

Usage:
  flowdeck run <machine.asl.json> [options]
  flowdeck --help | --version

Options for run:
  --input <json>        Execution input as JSON text (default {}).
  --input-file <file>   Read the execution input from a JSON file instead.
  --tasks <module>      A JS/TS module whose exports are Task handlers, keyed by the Task's
                        Resource or, for arn:aws:states:::lambda:invoke, by FunctionName.
                        Named exports, or a default export object for keys that are not
                        identifiers (e.g. ARNs). A handler is async (input, context) => result;
                        throw an error whose name is the ASL error name to fail the task.
  --real-time           Wait states and retry back-offs take real time (default: a virtual
                        clock makes them instant).
  -q, --quiet           Do not print the history.

Output:
  stdout  the execution output as JSON (nothing if the execution did not succeed)
  stderr  the history, one line per event (id, type, state, detail), and the final status

Exit codes:
  0  the execution SUCCEEDED
  1  the execution FAILED, TIMED_OUT or was ABORTED (error and cause are printed)
  2  bad usage, unreadable files, invalid JSON input or an invalid state machine definition
  3  an internal error of flowdeck itself
`;

export function parseCommand(argv: string[]): Command {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...rest] = positionals;
  if (command === undefined) return { kind: 'help' };
  if (command !== 'run') throw new UsageError(`Unknown command "${command}". The only command is "run".`);
  if (rest.length === 0)
    throw new UsageError('run needs the state machine file: flowdeck run <machine.asl.json>');
  if (rest.length > 1)
    throw new UsageError(`run takes one state machine file, got ${rest.length}: ${rest.join(' ')}`);
  if (values.input !== undefined && values['input-file'] !== undefined) {
    throw new UsageError('Give the input either with --input or with --input-file, not both.');
  }
  return {
    kind: 'run',
    definitionFile: rest[0],
    input: values.input,
    inputFile: values['input-file'],
    tasksModule: values.tasks,
    realTime: values['real-time'] ?? false,
    quiet: values.quiet ?? false,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      input: { type: 'string' },
      'input-file': { type: 'string' },
      tasks: { type: 'string' },
      'real-time': { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
