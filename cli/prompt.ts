/**
 * Line prompts on the terminal: hidden (raw mode, no echo) for PINs and passwords, visible for
 * confirmations. Text typed ahead of a later prompt is kept for it, so "PIN, then new PIN twice"
 * works when a test (or a paste) delivers all lines at once.
 */
import { StringDecoder } from 'node:string_decoder';
import { DeviceError } from '../device/index';
import type { CliContext, InputStream } from './context';

const pending = new WeakMap<InputStream, string>();

/**
 * Writes `question` to stderr and reads one line from stdin. `hidden` turns echo off on a real
 * terminal (raw mode) and handles backspace; Ctrl-C, or Ctrl-D / end of input on an empty line,
 * reject with DeviceError('cancelled').
 */
export function prompt(ctx: CliContext, question: string, opts: { hidden: boolean }): Promise<string> {
  const stdin = ctx.stdin;
  ctx.stderr.write(question);
  const raw = opts.hidden && stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let line = '';
    let isDone = false;
    const finish = (value: string | null, rest: string) => {
      isDone = true;
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      stdin.pause();
      if (raw) stdin.setRawMode!(false);
      if (rest) pending.set(stdin, rest);
      else pending.delete(stdin);
      // With echo off the terminal did not move to the next line.
      if (raw) ctx.stderr.write('\n');
      if (value === null) reject(new DeviceError('cancelled'));
      else resolve(value);
    };
    const feed = (text: string) => {
      for (let i = 0; i < text.length && !isDone; i++) {
        const c = text[i];
        if (c === '\r' || c === '\n') {
          const skip = c === '\r' && text[i + 1] === '\n' ? 2 : 1;
          finish(line, text.slice(i + skip));
        } else if (c === '\x03' || (c === '\x04' && line === '')) {
          finish(null, '');
        } else if (c === '\x7f' || c === '\b') {
          line = [...line].slice(0, -1).join('');
        } else if (c >= ' ' || c === '\t') {
          line += c;
        }
      }
    };
    const onData = (chunk: Buffer | string) => feed(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    const onEnd = () => {
      if (!isDone) finish(line === '' ? null : line, '');
    };
    if (raw) stdin.setRawMode!(true);
    const early = pending.get(stdin);
    if (early) {
      pending.delete(stdin);
      feed(early);
    }
    if (isDone) return;
    // The input may have ended while an earlier prompt read it; 'end' will not come again.
    if ((stdin as { readableEnded?: boolean }).readableEnded) return onEnd();
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });
}
