/** The window's Nitrokey 3 actions over a fake window.keyslot: PINs asked once per try, never resent by themselves. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeyslotApi, Result } from '../../../electron/ipc/contract';
import { setApi } from '../../../renderer/api';
import { answerNamedPin, withNamedPin } from '../../../renderer/named/actions';
import { matchCredentials, useNamedStore } from '../../../renderer/named/store';

setApi({
  invoke: async () => ({ ok: false, error: { code: 'no-token' } }),
  on: () => () => undefined,
} as unknown as KeyslotApi);

const wrong = (retriesLeft: number): Result<number> => ({ ok: false, error: { code: 'wrong-pin', retriesLeft } });
const tick = () => new Promise((r) => setImmediate(r));

describe('named token actions in the window', () => {
  it('after a wrong PIN shows the tries left and sends again only with the PIN typed next', async () => {
    const sent: (string | undefined)[] = [];
    const replies = [wrong(2), { ok: true as const, value: 7 }];
    const done = withNamedPin(true, async (pin) => {
      sent.push(pin);
      return replies.shift()!;
    });
    await tick();
    assert.deepEqual(useNamedStore.getState().pinPrompt, { retriesLeft: null, error: null });
    answerNamedPin('111111');
    await tick();
    await tick();
    const prompt = useNamedStore.getState().pinPrompt;
    assert.equal(prompt?.retriesLeft, 2);
    assert.match(prompt?.error ?? '', /Wrong PIN/);
    assert.deepEqual(sent, ['111111']);
    answerNamedPin('222222');
    assert.deepEqual(await done, { ok: true, value: 7 });
    assert.deepEqual(sent, ['111111', '222222']);
  });

  it('stops when the person cancels the prompt after a wrong PIN, sending nothing more', async () => {
    let sends = 0;
    const done = withNamedPin(true, async () => {
      sends++;
      return wrong(1);
    });
    await tick();
    answerNamedPin('000000');
    await tick();
    await tick();
    assert.equal(useNamedStore.getState().pinPrompt?.retriesLeft, 1);
    answerNamedPin(null);
    assert.equal(await done, null);
    assert.equal(sends, 1);
  });

  it('asks for no PIN when the credential needs none', async () => {
    const r = await withNamedPin(false, async (pin) => ({ ok: true as const, value: pin }));
    assert.deepEqual(r, { ok: true, value: undefined });
    assert.equal(useNamedStore.getState().pinPrompt, null);
  });

  it('finds credentials by every word of the search, in any case', () => {
    const c = (name: string) => ({
      name,
      kind: 'totp' as const,
      isTouchRequired: false,
      isPinProtected: false,
      hasPwsData: false,
    });
    const all = [c('ACME:ann'), c('GitHub'), c('acme:bob')];
    assert.deepEqual(
      matchCredentials(all, 'acme ANN').map((x) => x.name),
      ['ACME:ann'],
    );
    assert.equal(matchCredentials(all, ' ').length, 3);
  });
});
