import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REQUEST_CHANNELS } from '../../../electron/ipc/contract';
import { REQUEST_SCHEMAS, checkRequest, validateRequest } from '../../../electron/ipc/validate';

const slot = { kind: 'totp', index: 0 };
const goodWrite = {
  slot,
  name: 'A',
  secret: { text: 'JBSWY3DP', encoding: 'base32' },
  digits: 6,
  period: 30,
  isOverwriteConfirmed: false,
};

const bad: [string, unknown, unknown][] = [
  ['an unknown channel', 'shell/exec', []],
  ['an inherited property name as channel', 'toString', []],
  ['a channel that is not a string', 42, []],
  ['extra arguments to a channel without any', 'slot/list', [1]],
  ['a missing argument', 'otp/copy', []],
  ['a slot kind that does not exist', 'otp/copy', [{ slot: { kind: 'motp', index: 0 } }]],
  ['a slot index that is not a whole number', 'otp/copy', [{ slot: { kind: 'totp', index: 1.5 } }]],
  ['a slot index out of range', 'otp/copy', [{ slot: { kind: 'totp', index: 99 } }]],
  ['an unknown field', 'otp/copy', [{ slot, extra: 1 }]],
  ['a PIN that is a number', 'pin/verify', [{ kind: 'admin', pin: 12345678 }]],
  ['an empty PIN', 'pin/verify', [{ kind: 'admin', pin: '' }]],
  ['7 digits', 'slot/write', [{ ...goodWrite, digits: 7 }]],
  ['a period of 0', 'slot/write', [{ ...goodWrite, period: 0 }]],
  ['a counter that is not decimal', 'slot/write', [{ ...goodWrite, counter: '-1' }]],
  [
    'a secret encoding that is not base32 or hex',
    'slot/write',
    [{ ...goodWrite, secret: { text: 'x', encoding: 'base64' } }],
  ],
  ['a huge string', 'slot/write', [{ ...goodWrite, name: 'x'.repeat(5000) }]],
  ['an array where an object belongs', 'pws/copy', [[0, 'password']]],
  ['a password-safe index out of range', 'pws/copy', [{ index: 16, field: 'password' }]],
  ['a field other than login or password', 'pws/copy', [{ index: 0, field: 'name' }]],
  ['a clipboard time out of range', 'settings/set', [{ clearCodeAfterS: -1 }]],
  ['an unknown setting', 'settings/set', [{ theme: 'dark' }]],
  ['arguments that are not a list', 'slot/list', 'x'],
  ['image bytes sent as a plain array', 'import/scan-image', [{ bytes: [137, 80, 78, 71], source: 'file' }]],
  ['an empty image', 'import/scan-image', [{ bytes: new Uint8Array(0), source: 'file' }]],
  ['an image over 16 MiB', 'import/scan-image', [{ bytes: new Uint8Array(16 * 1024 * 1024 + 1), source: 'file' }]],
  ['pasted text over 64 KiB', 'import/read-text', [{ text: 'x'.repeat(64 * 1024 + 1) }]],
  ['an import write without choices', 'import/write', [{ id: 'abc', choices: [], isConfirmed: false }]],
  [
    'an import write with more choices than the token has slots',
    'import/write',
    [{ id: 'abc', choices: Array.from({ length: 19 }, (_, i) => ({ index: i, slot, name: 'x' })), isConfirmed: false }],
  ],
  ['an empty backup password', 'backup/open', [{ file: 'AAAAAAAAAAAAAAAAAAAAAA', password: '' }]],
  ['a typed file without its purpose', 'backup/typed-file', [{ path: '/tmp/x' }]],
  ['a file purpose that does not exist', 'backup/choose-file', [{ purpose: 'anything' }]],
  [
    'a lock key bound to HOTP slot 4',
    'config/set',
    [{ isUserPinRequiredForCodes: false, lockKeys: { numlock: 3, capslock: null, scrolllock: null } }],
  ],
  [
    'a lock key missing from the config',
    'config/set',
    [{ isUserPinRequiredForCodes: false, lockKeys: { numlock: null, capslock: null } }],
  ],
  [
    'a user-PIN switch that is not true or false',
    'config/set',
    [{ isUserPinRequiredForCodes: 'on', lockKeys: { numlock: null, capslock: null, scrolllock: null } }],
  ],
];

describe('IPC request validation', () => {
  for (const [what, channel, args] of bad) {
    it(`rejects ${what}`, () => {
      assert.equal(typeof validateRequest(channel, args), 'string');
    });
  }

  it('accepts well-formed requests', () => {
    assert.equal(validateRequest('slot/write', [goodWrite]), null);
    assert.equal(
      validateRequest('slot/write', [
        { ...goodWrite, slot: { kind: 'hotp', index: 2 }, counter: '18446744073709551615', adminPin: '12345678' },
      ]),
      null,
    );
    assert.equal(validateRequest('pws/copy', [{ index: 15, field: 'login' }]), null);
    assert.equal(validateRequest('settings/set', [{ language: 'de' }]), null);
    assert.equal(validateRequest('token/current', []), null);
    assert.equal(
      validateRequest('import/scan-image', [{ bytes: new Uint8Array([137, 80, 78, 71]), source: 'clipboard' }]),
      null,
    );
    assert.equal(
      validateRequest('import/read-text', [{ text: 'otpauth-migration://offline?data=' + 'A'.repeat(4000) }]),
      null,
    );
    assert.equal(
      validateRequest('import/write', [
        { id: 'abc', choices: [{ index: 0, slot, name: 'GitHub' }], isConfirmed: true, adminPin: '12345678' },
      ]),
      null,
    );
    assert.equal(
      validateRequest('config/set', [
        {
          isUserPinRequiredForCodes: true,
          lockKeys: { numlock: 0, capslock: null, scrolllock: 2 },
          adminPin: '12345678',
        },
      ]),
      null,
    );
  });

  it('never repeats a PIN in its problem sentence', () => {
    const problem = validateRequest('pin/verify', [{ kind: 'admin', pin: 'x'.repeat(65) }]);
    assert.ok(problem && !problem.includes('xxxx'));
  });

  it('has a schema for every channel of the contract, and none for a channel it lacks', () => {
    assert.deepEqual(Object.keys(REQUEST_SCHEMAS).sort(), Object.keys(REQUEST_CHANNELS).sort());
  });

  const specific: [string, unknown, unknown, string][] = [
    [
      'a slot index out of range',
      'otp/copy',
      [{ slot: { kind: 'totp', index: 99 } }],
      'argument 1.slot.index must be from 0 to 14.',
    ],
    ['a PIN that is a number', 'pin/verify', [{ kind: 'admin', pin: 12345678 }], 'argument 1.pin must be a string.'],
    ['a missing field', 'pin/verify', [{ kind: 'admin' }], 'argument 1.pin is missing.'],
    ['an unknown field', 'otp/copy', [{ slot, extra: 1 }], 'argument 1 has an unknown field "extra".'],
    ['7 digits', 'slot/write', [{ ...goodWrite, digits: 7 }], 'argument 1.digits must be one of 6, 8.'],
    ['an array where an object belongs', 'pws/copy', [[0, 'password']], 'argument 1 must be an object.'],
    ['an object that is not plain', 'pws/copy', [new Date(0)], 'argument 1 must be a plain object.'],
    ['extra arguments', 'slot/list', [1], 'Expected at most 0 argument(s), got 1.'],
    ['a missing argument', 'otp/copy', [], 'argument 1 must be an object.'],
    ['an unknown channel', 'shell/exec', [], 'Unknown channel.'],
    ['arguments that are not a list', 'slot/list', 'x', 'The arguments must be a list.'],
    [
      'a name in a list item too long',
      'import/write',
      [{ id: 'a', choices: [{ index: 0, slot, name: 'x'.repeat(65) }], isConfirmed: true }],
      'argument 1.choices[0].name must have at most 64 characters.',
    ],
    [
      'an empty image',
      'import/scan-image',
      [{ bytes: new Uint8Array(0), source: 'file' }],
      'argument 1.bytes is empty.',
    ],
    [
      'an image over 16 MiB',
      'import/scan-image',
      [{ bytes: new Uint8Array(16 * 1024 * 1024 + 1), source: 'file' }],
      'argument 1.bytes must be at most 16777216 bytes.',
    ],
    [
      'a lock key bound to HOTP slot 4',
      'config/set',
      [{ isUserPinRequiredForCodes: false, lockKeys: { numlock: 3, capslock: null, scrolllock: null } }],
      'argument 1.lockKeys.numlock must be from 0 to 2.',
    ],
  ];
  for (const [what, channel, args, problem] of specific) {
    it(`names the field and the rule for ${what}`, () => {
      assert.equal(validateRequest(channel, args), problem);
    });
  }

  it('never quotes the value it refused, whatever the kind of misfit', () => {
    const secret = 'hunter2-secret-value';
    for (const req of [
      { kind: secret, pin: '1' },
      { kind: 'admin', pin: secret.repeat(10) },
    ]) {
      const problem = validateRequest('pin/verify', [req]);
      assert.ok(problem, 'refused');
      assert.ok(!problem.includes('hunter2'), problem);
    }
    const counter = validateRequest('slot/write', [{ ...goodWrite, counter: 'hunter2' }]);
    assert.ok(counter && !counter.includes('hunter2'), counter ?? '');
  });

  it("hands the handler the schema's output: a copy with exactly the schema's fields", () => {
    const req = { slot: { kind: 'totp', index: 3 }, userPin: '123456' };
    const checked = checkRequest('otp/copy', [req]);
    assert.ok(checked.ok);
    assert.deepEqual(checked.args, [req]);
    assert.notEqual((checked.args as unknown[])[0], req);
  });

  it('refuses an object whose fields come from its prototype', () => {
    const req = Object.create({ kind: 'admin', pin: '12345678' });
    assert.equal(typeof validateRequest('pin/verify', [req]), 'string');
  });
});
