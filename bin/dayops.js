#!/usr/bin/env node
// Runs the TypeScript sources directly, so `npx dayops` works after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
// Exit as soon as main is done: everything was stopped in order, and nothing left behind (a
// timer, a socket) may keep a process alive that no longer holds its data directory.
process.exit(await main(process.argv.slice(2)));
