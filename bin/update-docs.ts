// `npm run docs`: regenerates the command reference in README.md from the command definitions.
import { readFileSync, writeFileSync } from 'node:fs';
import { withReference } from './command-reference.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withReference(readFileSync(path, 'utf8')));
console.log('README.md command reference updated.');
