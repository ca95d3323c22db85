/**
 * Reads accounts for a named token (a Nitrokey 3) from a QR image (given, on the clipboard, or on the
 * screens), a pasted otpauth URI or a Google Authenticator export, with that token's capabilities (so
 * SHA-256 and 7 digits pass where the token has them). The secrets stay here under an id for 30 minutes;
 * the window gets names and parameters only. No Electron import.
 */
import { randomBytes } from 'node:crypto';
import {
  decodeQrImageAsync,
  decodeQrRgbaAsync,
  parseUriForCaps,
  readImportTexts,
  type CapsAccount,
  type Clock,
  type TokenCaps,
} from '../../device/index';
import type { ScannedAccount, TokenId } from '../ipc/contract';
import { AppError } from '../ipc/serve';
import type { ScreenCapturePort } from './import-ports';

/** Scanned accounts are held this long (ms), then the person scans again. */
const SCAN_TTL_MS = 30 * 60 * 1000;

/** Where a scan's pictures come from besides the request itself. */
export interface ScanSources {
  readClipboardImage?: () => Promise<Uint8Array | null>;
  capture?: ScreenCapturePort;
}

export class CredentialScanner {
  private readonly held = new Map<string, { token: TokenId; account: CapsAccount; at: number }>();

  constructor(private readonly deps: ScanSources & { clock: Clock }) {}

  private async texts(input: { bytes?: Uint8Array; uri?: string; from?: 'clipboard' | 'screen' }): Promise<string[]> {
    if (input.uri) return [input.uri];
    let images: ({ rgba: Uint8Array; width: number; height: number } | { encoded: Uint8Array })[] = [];
    if (input.bytes) images = [{ encoded: input.bytes }];
    else if (input.from === 'clipboard') {
      const png = await this.deps.readClipboardImage?.();
      if (!png) throw new AppError('nothing-found');
      images = [{ encoded: png }];
    } else if (input.from === 'screen') {
      if (!this.deps.capture) throw new AppError('capture-unavailable');
      images = await this.deps.capture.captureScreens().catch(() => {
        throw new AppError('capture-unavailable');
      });
    }
    const scans = await Promise.all(
      images.map((i) => ('rgba' in i ? decodeQrRgbaAsync(i.width, i.height, i.rgba) : decodeQrImageAsync(i.encoded))),
    );
    return scans.flatMap((s) => (s.ok ? s.texts : []));
  }

  /** Every account the input holds that this token can take; the first refusal when none can. */
  async scan(
    token: TokenId,
    caps: TokenCaps,
    input: { bytes?: Uint8Array; uri?: string; from?: 'clipboard' | 'screen' },
  ): Promise<ScannedAccount[]> {
    const texts = (await this.texts(input)).map((t) => t.trim());
    const accounts: CapsAccount[] = [];
    let refusal: AppError | null = null;
    for (const text of texts.filter((t) => /^otpauth:\/\//i.test(t))) {
      const p = parseUriForCaps(text, caps);
      if (p.ok) accounts.push(p.value);
      else refusal ??= new AppError('bad-request', { field: p.field, text: p.problem });
    }
    const exports = texts.filter((t) => /^otpauth-migration:/i.test(t));
    if (exports.length > 0)
      for (const c of readImportTexts(exports).candidates) {
        if (c.ok) accounts.push({ ...c.account, algorithm: 'SHA1' });
        else refusal ??= new AppError('bad-request', { field: c.field, text: c.problem });
      }
    if (accounts.length === 0) throw refusal ?? new AppError('nothing-found');
    const now = this.deps.clock.now();
    for (const [k, s] of this.held) if (now - s.at > SCAN_TTL_MS) this.held.delete(k);
    return accounts.map((a) => {
      const id = randomBytes(12).toString('base64url');
      this.held.set(id, { token, account: a, at: now });
      const name = a.issuer && a.account ? `${a.issuer}:${a.account}` : (a.account ?? a.issuer ?? a.name);
      return {
        id,
        name,
        kind: a.kind,
        algorithm: a.algorithm,
        digits: a.digits,
        ...(a.kind === 'totp' ? { period: a.period ?? 30 } : { counter: String(a.counter ?? 0n) }),
      };
    });
  }

  /** The secret held under `id` for `token`. 'import-expired' when it is gone. */
  secret(id: string, token: TokenId): Uint8Array {
    const held = this.held.get(id);
    if (!held || held.token !== token) throw new AppError('import-expired');
    return held.account.secret;
  }

  forget(id: string): void {
    this.held.delete(id);
  }
}
