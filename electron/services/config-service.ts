/**
 * The token's general config (§7.2 of the protocol reference): whether codes need the user PIN, and
 * which HOTP slot NumLock, CapsLock and ScrollLock type on a double press. Written with the admin PIN.
 */
import type { ConfigWriteRequest, TokenInfo } from '../ipc/contract';
import type { TokenSession } from './token-session';

/**
 * Writes the config. The stored byte the firmware ignores (`delete_user_password`, a host hint)
 * is read first and kept, so another program's setting survives. A wrong admin PIN is passed on
 * with the tries left; the token panel is refreshed either way.
 */
export async function writeConfig(session: TokenSession, req: ConfigWriteRequest): Promise<TokenInfo> {
  await session.ensureAuth('admin', req.adminPin);
  await session.use(async (t) => {
    const current = await t.getConfig();
    await t.setConfig({
      ...current,
      isUserPasswordRequired: req.isUserPinRequiredForCodes,
      numlock: req.lockKeys.numlock,
      capslock: req.lockKeys.capslock,
      scrolllock: req.lockKeys.scrolllock,
    });
  });
  return session.announce();
}
