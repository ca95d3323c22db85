// Preloaded with `node -r` into a child process a test runs: counts node-hid enumerations (devices,
// devicesAsync) and appends the count to the file KEYSLOT_HID_COUNT names when the process exits.
'use strict';
const Module = require('node:module');
const { appendFileSync } = require('node:fs');

let count = 0;
const load = Module._load;
Module._load = function (request, ...rest) {
  const m = load.call(this, request, ...rest);
  if (request !== 'node-hid' || m.__counted) return m;
  const wrapped = Object.create(m);
  wrapped.__counted = true;
  wrapped.devices = (...a) => (count++, m.devices(...a));
  wrapped.devicesAsync = (...a) => (count++, m.devicesAsync(...a));
  return wrapped;
};
process.once('exit', () => appendFileSync(process.env.KEYSLOT_HID_COUNT, `${count}\n`));
