#!/usr/bin/env node
// The `flowdeck` command. The workspace ships TypeScript sources without a build step, so the
// entry registers tsx's loader and then runs the CLI's main().
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
