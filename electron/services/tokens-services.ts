/**
 * Wires the services of tokens side by side (issue 12): the named tokens the app holds beside its slot
 * token, their credentials, the move wizard, and the handlers of contract-tokens.ts's channels.
 * app-services.ts spreads these handlers into the contract's. No Electron import.
 */
import type { Clock, SealOptions } from '../../device/index';
import type { TokenEntry, TokensRequests } from '../ipc/contract';
import type { Handlers, Logger } from '../ipc/serve';
import type { ClipboardService } from './clipboard-service';
import type { ScanSources } from './credential-scan';
import { CredentialService } from './credential-service';
import type { FileGrants } from './file-grants';
import { MoveService } from './move-service';
import { NamedTokens } from './named-tokens';
import type { Emit, TokenSession } from './token-session';

export interface TokensServices {
  named: NamedTokens;
  credentials: CredentialService;
  moves: MoveService;
  /** Every token plugged in now: the window's slot token first, then the named ones. */
  entries(): Promise<TokenEntry[]>;
  handlers: Pick<Handlers, keyof TokensRequests>;
}

export function createTokensServices(
  deps: {
    emit: Emit;
    session: TokenSession;
    clipboard: ClipboardService;
    clock: Clock;
    log?: Logger;
    backupSeal?: SealOptions;
    /** The handles of files the person chose (the move wizard's backups). */
    grants: FileGrants;
    /** The slot token's lists changed (a move wrote to it). */
    onPrimaryWritten?: () => void;
  } & ScanSources,
): TokensServices {
  const named = new NamedTokens({ emit: deps.emit, log: deps.log });
  const credentials = new CredentialService(named, deps.clipboard, {
    emit: deps.emit,
    clock: deps.clock,
    readClipboardImage: deps.readClipboardImage,
    capture: deps.capture,
    seal: deps.backupSeal,
    grants: deps.grants,
    now: () => new Date(deps.clock.now()),
  });
  const moves = new MoveService(deps.session, named, {
    clock: deps.clock,
    seal: deps.backupSeal,
    grants: deps.grants,
    onWritten: (token) =>
      token === deps.session.id ? deps.onPrimaryWritten?.() : deps.emit('named/changed', { token }),
  });
  const entries = async (): Promise<TokenEntry[]> => {
    const primary = await deps.session.current().catch(() => null);
    const list: TokenEntry[] = primary
      ? [
          {
            id: primary.id,
            model: primary.model,
            addressing: 'slots',
            serial: primary.serial,
            isVirtual: primary.isVirtual,
            isPrimary: true,
          },
        ]
      : [];
    for (const e of named.all())
      list.push({
        id: e.id,
        model: e.session.device.model,
        addressing: e.session.caps.addressing,
        serial: e.session.device.serialNumber || null,
        isVirtual: e.session.device.isVirtual,
        isPrimary: false,
      });
    return list;
  };
  const announce = () => void entries().then((l) => deps.emit('tokens/changed', l));
  named.onChange(announce);
  deps.session.onChange(announce);
  const handlers: TokensServices['handlers'] = {
    'tokens/list': () => entries(),
    'named/status': ({ token }) => credentials.status(token),
    'credential/list': ({ token }) => credentials.list(token),
    'credential/unlock': ({ token, pin }) => credentials.unlock(token, pin),
    'credential/lock': ({ token }) => credentials.lock(token),
    'credential/scan': ({ token, bytes, uri, from }) => credentials.scan(token, { bytes, uri, from }),
    'credential/write': (req) => credentials.write(req),
    'credential/update': (req) => credentials.update(req),
    'credential/erase': ({ token, name, pin }) => credentials.erase(token, name, pin),
    'credential/copy': ({ token, name, pin }) => credentials.copy(token, name, pin),
    'named/cancel-touch': async ({ token }) => {
      if (!named.has(token)) return { isCancelled: false };
      await named.get(token).session.cancel();
      return { isCancelled: true };
    },
    'named/set-pin': ({ token, current, next }) => credentials.setPin(token, current, next),
    'credential/fields': ({ token, name, pin }) => credentials.fields(token, name, pin),
    'credential/copy-field': ({ token, name, field, pin }) => credentials.copyField(token, name, field, pin),
    'move/plan': (req) => moves.plan(req),
    'move/run': (req) => moves.run(req),
  };
  return { named, credentials, moves, entries, handlers };
}
