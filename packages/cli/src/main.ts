import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type Clock,
  InvalidDefinitionError,
  type TaskHandlers,
  createVirtualClock,
  runStateMachine,
  systemClock,
} from '@flowdeck/engine';
import { HELP, UsageError, parseCommand } from './args.ts';
import { formatHistory } from './format-history.ts';
import { InputError, loadTasks } from './load-tasks.ts';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

export const EXIT = { succeeded: 0, failed: 1, badInput: 2, internal: 3 } as const;

/** Runs the command line; answers the exit code. Never throws for the user's mistakes. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.kind === 'help') {
      io.stdout(HELP);
      return EXIT.succeeded;
    }
    if (command.kind === 'version') {
      io.stdout(`${version()}\n`);
      return EXIT.succeeded;
    }
    const definition = readText(command.definitionFile, 'state machine file', io.cwd);
    const input = parseInput(
      command.inputFile !== undefined
        ? readText(command.inputFile, 'input file', io.cwd)
        : (command.input ?? '{}'),
      command.inputFile !== undefined ? command.inputFile : '--input',
    );
    const tasks: TaskHandlers = command.tasksModule ? await loadTasks(command.tasksModule, io.cwd) : {};
    const clock: Clock = command.realTime ? systemClock : createVirtualClock(Date.now());

    const run = await runStateMachine(definition, input, { tasks, clock });

    if (!command.quiet) {
      io.stderr(`History of ${command.definitionFile}:\n`);
      for (const line of formatHistory(run.history)) io.stderr(`  ${line}\n`);
    }
    if (run.status === 'SUCCEEDED') {
      io.stderr('SUCCEEDED\n');
      io.stdout(`${JSON.stringify(run.output, null, 2)}\n`);
      return EXIT.succeeded;
    }
    io.stderr(`${run.status}${run.error ? `: ${run.error}` : ''}${run.cause ? `\n${run.cause}` : ''}\n`);
    if (isMissingHandler(run.error, run.cause)) {
      io.stderr(
        `Hint: give Task handlers with --tasks <module>; export each one under the Task's Resource, or under the FunctionName for ${LAMBDA_INVOKE}.\n`,
      );
    }
    return EXIT.failed;
  } catch (error) {
    if (error instanceof InvalidDefinitionError) {
      const count = error.problems.length;
      io.stderr(`Invalid state machine definition (${count} problem${count === 1 ? '' : 's'}):\n`);
      for (const p of error.problems) io.stderr(`  ${p.path || '$'}: ${p.message}\n`);
      return EXIT.badInput;
    }
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\nRun "flowdeck --help" for usage.\n`);
      return EXIT.badInput;
    }
    if (error instanceof InputError) {
      io.stderr(`${error.message}\n`);
      return EXIT.badInput;
    }
    io.stderr(`flowdeck: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.internal;
  }
}

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

/** The runtime's answers when no handler matches a Task (AWS's own name for lambda). */
function isMissingHandler(error: string | undefined, cause: string | undefined): boolean {
  return (
    (error === 'Lambda.ResourceNotFoundException' && /^Function not found/.test(cause ?? '')) ||
    /^No task handler is registered/.test(cause ?? '')
  );
}

function readText(file: string, what: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `The ${what} ${file} does not exist.`
        : `Cannot read the ${what} ${file}: ${(error as Error).message}`,
    );
  }
}

function parseInput(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`The execution input from ${source} is not valid JSON: ${(error as Error).message}`);
  }
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return `flowdeck ${pkg.version}`;
}
