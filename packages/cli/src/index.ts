// @flowdeck/cli: the `flowdeck` command, importable for embedding and tests.
export { main, EXIT, type Io } from './main.ts';
export { formatHistory } from './format-history.ts';
export { HELP, parseCommand, type Command } from './args.ts';
