/* Solves an ALTCHA challenge off the page's thread: finds the number n in 0..maxnumber with
   SHA-256(salt + n) == challenge (the algorithm of the ALTCHA widget and the org.altcha library). */
importScripts('/assets/sha256.js');

self.onmessage = function (event) {
  'use strict';
  var c = event.data;
  var started = Date.now();
  for (var n = 0; n <= c.maxnumber; n++) {
    if (sha256hex(c.salt + n) === c.challenge) {
      self.postMessage({ number: n, took: Date.now() - started });
      return;
    }
  }
  self.postMessage({ number: null });
};
