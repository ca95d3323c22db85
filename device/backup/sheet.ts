/**
 * A printable recovery sheet: one QR code per account (its otpauth:// URI, which any authenticator
 * app or `keyslot otp add --qr` reads back), with issuer, account, slot name and the secret in
 * base32 for typing. The sheet holds every secret in the clear: print it, do not store it.
 */
import qrcode from 'qrcode-generator';
import { formatOtpauthUri, toBase32 } from '../otp/import';
import type { BackupOtp } from './contents';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The QR code of `text` as an SVG element: error correction M, a 4-module quiet zone, `moduleSize`
 * user units per module. Throws RangeError if the text is too long for any QR version.
 */
export function qrSvg(text: string, moduleSize = 4): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const size = (n + 8) * moduleSize;
  let path = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++)
      if (qr.isDark(r, c))
        path += `M${(c + 4) * moduleSize} ${(r + 4) * moduleSize}h${moduleSize}v${moduleSize}h-${moduleSize}z`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

/** What the sheet shows for one account. */
export interface SheetEntry {
  account: BackupOtp;
  /** Slot name. */
  name: string;
}

/**
 * A self-contained HTML page (no scripts, no external resources) with one block per account:
 * QR code, issuer, account, slot name, kind and parameters, and the secret in groups of four.
 */
export function renderRecoverySheet(entries: SheetEntry[], opts: { title?: string; createdAt?: Date } = {}): string {
  const title = opts.title ?? 'keyslot recovery sheet';
  const blocks = entries.map((e) => {
    const a = { ...e.account, name: e.name };
    const hash = a.algorithm === 'SHA256' ? ' (SHA-256)' : '';
    const what =
      a.kind === 'totp'
        ? `TOTP${hash}, ${a.digits} digits, every ${a.period ?? 30} s`
        : `HOTP${hash}, ${a.digits} digits, counter ${a.counter ?? 0n} when saved`;
    const secret = toBase32(a.secret).replace(/(.{4})(?=.)/g, '$1 ');
    return [
      '<section class="account">',
      qrSvg(formatOtpauthUri(a)),
      '<dl>',
      `<dt>Issuer</dt><dd>${escapeHtml(a.issuer ?? '—')}</dd>`,
      `<dt>Account</dt><dd>${escapeHtml(a.account ?? '—')}</dd>`,
      `<dt>Slot name</dt><dd>${escapeHtml(e.name)}</dd>`,
      `<dt>Kind</dt><dd>${escapeHtml(what)}</dd>`,
      `<dt>Secret (base32)</dt><dd class="secret">${secret}</dd>`,
      '</dl>',
      '</section>',
    ].join('\n');
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: sans-serif; margin: 1.5cm; color: #000; background: #fff; }
.warning { border: 2px solid #000; padding: 0.5em; }
.account { display: flex; gap: 1em; align-items: center; break-inside: avoid; page-break-inside: avoid; border-top: 1px solid #888; padding: 0.8em 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0; }
dt { font-weight: bold; }
.secret { font-family: monospace; font-size: 1.1em; word-break: break-all; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="warning">Anyone holding this sheet can make the codes of these accounts. Keep it locked away; do not store it as a file. Scan a code with <code>keyslot otp add --qr</code> or any authenticator app to set the account up again.</p>
${opts.createdAt ? `<p>Printed ${escapeHtml(opts.createdAt.toISOString().slice(0, 10))}, ${entries.length} account${entries.length === 1 ? '' : 's'}.</p>\n` : ''}${blocks.join('\n')}
</body>
</html>
`;
}
