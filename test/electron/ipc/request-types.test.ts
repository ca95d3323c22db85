/**
 * The contract's request types are derived from the schemas main validates with, and
 * electron/ipc/validate.ts refuses to compile when a request type says other than its schema. These
 * tests show that refusal: type-level assertions (checked by the type check before the tests run),
 * and the TypeScript compiler run on a drifted contract, which must fail naming the channel.
 */
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { RequestArgs, RequestChannel } from '../../../electron/ipc/contract';
import type { REQUEST_SCHEMAS, Drifted, Same } from '../../../electron/ipc/validate';

type Args = { [C in RequestChannel]: RequestArgs<C> };
type Schemas = typeof REQUEST_SCHEMAS;
/** The contract's argument types with one channel's replaced. */
type With<C extends RequestChannel, A extends unknown[]> = Omit<Args, C> & { [K in C]: A };

type PinVerify = RequestArgs<'pin/verify'>[0];
type SlotWrite = RequestArgs<'slot/write'>[0];

// The contract as it is: no channel drifted.
const asIs: [Drifted<Schemas, Args>] extends [never] ? true : false = true;

// Each drift names its channel (the assignment compiles only with the right name)...
const extraOptional: Drifted<Schemas, With<'pin/verify', [PinVerify & { remember?: boolean }]>> = 'pin/verify';
const widerUnion: Drifted<
  Schemas,
  With<'slot/write', [Omit<SlotWrite, 'digits'> & { digits: 6 | 7 | 8 }]>
> = 'slot/write';
const nowRequired: Drifted<Schemas, With<'slot/write', [SlotWrite & { adminPin: string }]>> = 'slot/write';
const nested: Drifted<
  Schemas,
  With<'slot/write', [Omit<SlotWrite, 'secret'> & { secret?: { text: string; encoding: 'base32' | 'base64' } }]>
> = 'slot/write';
const extraArgument: Drifted<Schemas, With<'slot/list', [number?]>> = 'slot/list';
// ...and is not `never`, which is what validate.ts requires of the contract.
// @ts-expect-error a drifted channel is not "no drift"
const notNever: [Drifted<Schemas, With<'pin/verify', [PinVerify & { remember?: boolean }]>>] extends [never]
  ? true
  : false = true;

// Same<> sees what mutual assignability does not: optional fields, readonly, flattened intersections alike.
const sameFlattened: Same<{ a: string } & { b?: number }, { a: string; b?: number }> = true;
// @ts-expect-error an extra optional field is a difference
const optionalExtra: Same<{ a: string }, { a: string; b?: number }> = true;
// @ts-expect-error optional against required is a difference
const optionalVsRequired: Same<{ a?: string }, { a: string }> = true;

describe('request types derived from the schemas', () => {
  it('the type-level assertions above hold (the type check ran them)', () => {
    const names = [extraOptional, widerUnion, nowRequired, nested, extraArgument];
    assert.deepEqual(names, ['pin/verify', 'slot/write', 'slot/write', 'slot/write', 'slot/list']);
    assert.ok(asIs && notNever && sameFlattened && optionalExtra && optionalVsRequired);
  });

  it('a contract whose request type drifted from its schema does not compile, and the error names the channel', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const file = join(here, '__drifted-contract.ts');
    // A copy of validate.ts's check over a contract where 'pws/copy' also takes a 'name' field.
    const source = `
      import type { RequestArgs, RequestChannel } from './../../../electron/ipc/contract';
      import { REQUEST_SCHEMAS, type Drifted } from './../../../electron/ipc/validate';
      type Args = { [C in RequestChannel]: RequestArgs<C> };
      type Bad = Omit<Args, 'pws/copy'> & { 'pws/copy': [{ index: number; field: 'login' | 'password' | 'name' }] };
      const check: [Drifted<typeof REQUEST_SCHEMAS, Bad>] extends [never] ? true : Drifted<typeof REQUEST_SCHEMAS, Bad> = true;
      void check;
    `;
    const config = ts.getParsedCommandLineOfConfigFile(
      join(here, '../../../tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: () => undefined,
      },
    );
    assert.ok(config);
    const host = ts.createCompilerHost(config.options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, ...rest) =>
      name === file ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => name === file || fileExists(name);
    const program = ts.createProgram([file], { ...config.options, noEmit: true }, host);
    const errors = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /Type 'true' is not assignable to type '"pws\/copy"'/);
  });
});
