/**
 * The clipboard of the web host is the page's (navigator.clipboard): writes and reads are asked of
 * the most recently connected page over its socket, so a test reads the code as a paste would.
 */
import type { WebSocket } from 'ws';
import type { ClipboardPort } from '../electron/services/clipboard-service';

export class WebClipboard implements ClipboardPort {
  private page: WebSocket | null = null;
  private next = 1;
  private waiting = new Map<number, (text: string | null) => void>();

  attach(ws: WebSocket): void {
    this.page = ws;
  }

  detach(ws: WebSocket): void {
    if (this.page === ws) this.page = null;
  }

  private ask(op: 'write' | 'read' | 'read-image', text?: string): Promise<string | null> {
    const page = this.page;
    if (!page) return Promise.resolve(null);
    const id = this.next++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, 3000);
      this.waiting.set(id, (t) => {
        clearTimeout(timer);
        resolve(t);
      });
      page.send(JSON.stringify({ clip: op, clipId: id, text }));
    });
  }

  /** The page's answer to a write ('ok') or a read (the text), or null if it failed. */
  reply(id: unknown, text: unknown): void {
    const done = this.waiting.get(id as number);
    if (!done) return;
    this.waiting.delete(id as number);
    done(typeof text === 'string' ? text : null);
  }

  async writeText(text: string): Promise<void> {
    const r = await this.ask('write', text);
    if (r === null) throw new Error('the page could not write the clipboard');
  }

  readText(): Promise<string | null> {
    return this.ask('read');
  }

  /** The page's clipboard image (navigator.clipboard.read), sent as base64 PNG; null when it has none. */
  async readImage(): Promise<Uint8Array | null> {
    const b64 = await this.ask('read-image');
    return b64 ? new Uint8Array(Buffer.from(b64, 'base64')) : null;
  }
}
