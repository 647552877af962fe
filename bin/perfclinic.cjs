#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const built = path.join(__dirname, '..', 'dist', 'cli', 'cli.cjs');
if (!fs.existsSync(built)) {
  process.stderr.write('perfclinic: the command line has not been built yet; run `npm run build` first.\n');
  process.exit(2);
}
void require(built).main(process.argv.slice(2));
