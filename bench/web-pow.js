// How long the citizen page's proof-of-work takes: runs the page's own SHA-256
// (src/main/resources/webroot/assets/sha256.js) over ALTCHA-shaped inputs, as the worker does.
// Use: node bench/web-pow.js [maxNumber=100000] [rounds=5]
// A challenge needs on average maxNumber/2 hashes (at most maxNumber); phones are 3-5x slower.
'use strict';
const fs = require('fs');
const path = require('path');
const src = fs.readFileSync(
  path.join(__dirname, '..', 'src/main/resources/webroot/assets/sha256.js'), 'utf8');
const sha256hex = new Function(src + '; return sha256hex;')();
const max = Number(process.argv[2] || 100000);
const rounds = Number(process.argv[3] || 5);
const salt = '1b2015dc75633b7b0b46adf8?expires=1795709749&';
const times = [];
for (let r = 0; r < rounds; r++) {
  const started = process.hrtime.bigint();
  for (let n = 0; n < max; n++) {
    sha256hex(salt + n);
  }
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
}
times.sort((a, b) => a - b);
console.log(`${max} hashes: median ${times[Math.floor(rounds / 2)].toFixed(0)} ms, ` +
  `best ${times[0].toFixed(0)} ms (${(max / times[0] * 1000).toFixed(0)} hashes/s); ` +
  `average challenge ~${(times[Math.floor(rounds / 2)] / 2).toFixed(0)} ms`);
