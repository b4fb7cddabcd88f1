#!/usr/bin/env node
// Entry point for the `cordon` command (built output in dist/).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv);
