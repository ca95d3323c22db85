import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { proposeSlotNames, type NameRequest } from '../../../device/enrol/slot-name';
import { proposeSlotName } from '../../../device/otp/slot';

/** An account as a key URI or migration payload gives it: the name is the automatic proposal. */
const req = (issuer?: string, account?: string): NameRequest => ({
  issuer,
  account,
  name: proposeSlotName(issuer, account),
});
const names = (requests: NameRequest[], taken: string[] = []) => proposeSlotNames(requests, taken).map((p) => p.name);
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('proposeSlotNames', () => {
  const single: [string, string | undefined, string | undefined, string][] = [
    ['keeps "Issuer:account" when it fits', 'GitHub', 'alice', 'GitHub:alice'],
    ['keeps an issuer alone when it fits', 'VPN', undefined, 'VPN'],
    ['drops the domain of an e-mail account', 'GitHub', 'alice@example.com', 'GitHub:alice'],
    ["keeps the issuer's first word and the user", 'ACME Corporation', 'alice@example.com', 'ACME:alice'],
    [
      "keeps the issuer's first words for an account that is not an e-mail",
      'Very Long Company Name',
      'alice',
      'Very Long:alice',
    ],
    ['uses the issuer alone when no shorter pair fits', 'Protectimus', 'someone@example.com', 'Protectimus'],
    [
      'uses the user alone when the issuer does not fit either (umlauts count 2 bytes)',
      'Bücherei München',
      'jürgen@example.de',
      'jürgen',
    ],
    ['cuts after a whole word, keeping an emoji whole', '🦊 Firefox Accounts', '👩‍👩‍👧‍👦family@example.com', '🦊 Firefox'],
    ['cuts after a whole word with umlauts', 'Städtische Bücherhallen', undefined, 'Städtische'],
    ['drops the separators a word cut would leave at the end', undefined, 'ab: :: cdefghijklmnop', 'ab'],
    ['cuts CJK text at a whole character', '日本語のサービス名', undefined, '日本語のサ'],
    ['cuts at 15 bytes when there is no word to cut after', 'Supercalifragilistic', undefined, 'Supercalifragil'],
    ['cuts emoji whole at the byte limit', '😀😀😀😀😀', undefined, '😀😀😀'],
  ];
  for (const [what, issuer, account, expected] of single) {
    it(`${what}: ${issuer ?? ''}|${account ?? ''} → ${expected}`, () => {
      const [p] = proposeSlotNames([req(issuer, account)], []);
      assert.equal(p.name, expected);
      assert.ok(bytes(p.name) <= 15);
      const full = issuer && account ? `${issuer}:${account}` : (issuer ?? account)!;
      assert.equal(p.isNameChanged, full !== expected);
    });
  }

  const groups: [string, [string, string][], string[]][] = [
    [
      'tells two users of one issuer apart',
      [
        ['GitHub', 'alice@example.com'],
        ['GitHub', 'bob@example.com'],
      ],
      ['GitHub:alice', 'GitHub:bob'],
    ],
    [
      'tells two users of a long issuer apart',
      [
        ['Very Long Company Name', 'alice'],
        ['Very Long Company Name', 'bob'],
      ],
      ['Very Long:alice', 'Very Long:bob'],
    ],
    [
      'does not name an account by an issuer two accounts share',
      [
        ['Protectimus', 'someone@example.com'],
        ['Protectimus', 'other@example.com'],
      ],
      ['someone', 'other'],
    ],
    [
      'falls back to the byte cut when the word cut is taken and the user is shared',
      [
        ['Bücherei München', 'jürgen@example.de'],
        ['Bücherei Hamburg', 'jürgen@example.de'],
      ],
      ['Bücherei', 'Bücherei Hambu'],
    ],
    [
      'numbers the second of two accounts that no rule tells apart',
      [
        ['Supercalifragilistic Expialidocious', 'x@a.com'],
        ['Supercalifragilistic Expialidocious', 'x@b.com'],
      ],
      ['Supercalifragil', 'Supercalifrag 2'],
    ],
    [
      'numbers a name that fits when another account has it too',
      [
        ['GitHub', 'alice'],
        ['GitHub', 'alice'],
      ],
      ['GitHub:alice', 'GitHub:alice 2'],
    ],
  ];
  for (const [what, accounts, expected] of groups) {
    it(`${what}: ${expected.join(', ')}`, () => {
      assert.deepEqual(names(accounts.map(([i, a]) => req(i, a))), expected);
    });
  }

  it("avoids the names of the token's programmed slots when it shortens", () => {
    assert.deepEqual(names([req('Protectimus', 'someone@example.com')], ['Protectimus']), ['someone']);
    assert.deepEqual(names([req('GitHub', 'alice@example.com')], ['GitHub:alice']), ['GitHub']);
    assert.deepEqual(
      names([req('GitHub', 'alice')], ['GitHub:alice']),
      ['GitHub:alice'],
      'a name that fits stays; planning adds a note',
    );
  });

  it('never shortens to a name another account of the import keeps, nor to the issuer they share', () => {
    assert.deepEqual(names([req('GitHub', 'alice@example.com'), req('GitHub', 'alice')]), [
      'GitHub:alice@ex',
      'GitHub:alice',
    ]);
  });

  it('says what it did, in the sentence the review shows', () => {
    const [p] = proposeSlotNames([req('ACME Corporation', 'alice@example.com')], []);
    assert.equal(
      p.nameNote,
      `"ACME Corporation:alice@example.com" has 34 bytes; the token stores 15, so it is called "ACME:alice". That is the issuer's first word and the account up to the @.`,
    );
    const [, second] = proposeSlotNames([req('GitHub', 'alice'), req('GitHub', 'alice')], []);
    assert.equal(
      second.nameNote,
      'Another account here is also called "GitHub:alice", so this one is called "GitHub:alice 2".',
    );
  });

  it('keeps names the person gave and names the account came with', () => {
    const own = { ...req('ACME Corporation', 'alice@example.com'), name: 'Work' };
    const given = { ...req('ACME Corporation', 'alice@example.com'), given: 'ACME Corporation alice' };
    assert.deepEqual(
      proposeSlotNames([own, given], []).map((p) => [p.name, p.isNameChanged]),
      [
        ['Work', true],
        ['ACME Corporation alice', false],
      ],
    );
  });

  it('calls an account without a name "Account n", n counted from 1', () => {
    assert.deepEqual(names([req('A', 'a'), req(undefined, undefined)]), ['A:a', 'Account 2']);
  });

  it('proposes for any issuer and account a name of 1 to 15 bytes of whole characters, distinct within the import', () => {
    // Few issuers and users, so accounts often share them; any Unicode, so cuts meet multi-byte text.
    const word = fc.oneof(
      fc.constantFrom('GitHub', 'ACME Corporation', 'Bücherei München', '日本語のサービス名', '🦊 Firefox', 'a', ''),
      fc.string({ unit: 'grapheme', maxLength: 24 }),
      fc.string({ unit: 'binary', maxLength: 24 }),
    );
    const account = fc.oneof(
      word,
      fc.tuple(word, word).map(([u, d]) => `${u}@${d}`),
    );
    const request = fc
      .tuple(fc.option(word, { nil: undefined }), fc.option(account, { nil: undefined }))
      .map(([i, a]) => req(i, a));
    fc.assert(
      fc.property(
        fc.array(request, { minLength: 1, maxLength: 16 }),
        fc.array(word, { maxLength: 4 }),
        (requests, taken) => {
          const proposed = proposeSlotNames(requests, taken);
          for (const p of proposed) {
            assert.ok(p.name.length > 0, 'not empty');
            assert.ok(bytes(p.name) <= 15, `${p.name} has ${bytes(p.name)} bytes`);
            assert.equal(Buffer.from(p.name, 'utf8').toString('utf8'), p.name, 'survives a UTF-8 round trip');
            if (p.isNameChanged) assert.ok(!taken.includes(p.name), `${p.name} is a programmed slot's name`);
          }
          assert.equal(
            new Set(proposed.map((p) => p.name)).size,
            proposed.length,
            proposed.map((p) => p.name).join(' | '),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
