/**
 * Drives test/device/transport/hid-child.ts in a child Node process with the hidapi shim
 * preloaded, so node-hid's own hidapi calls reach a virtual token served by the test.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { shimPath } from '../../../device/virtual/shim';

const CHILD = fileURLToPath(new URL('./hid-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ChildReply {
  ok: boolean;
  code?: string;
  message?: string;
  [key: string]: unknown;
}

export interface ChildEvent {
  event: 'attached' | 'detached';
  path: string;
  serialNumber: string;
}

export class HidChild {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly waiting: ((r: ChildReply) => void)[] = [];
  private readonly eventWaiters: (() => void)[] = [];
  readonly events: ChildEvent[] = [];
  private stderr = '';

  /** Starts the child; `socketPath` undefined leaves KEYSLOT_VIRTUAL_SOCKET unset. */
  constructor(socketPath: string | undefined) {
    const env: NodeJS.ProcessEnv = { ...process.env, LD_PRELOAD: shimPath() };
    delete env.KEYSLOT_VIRTUAL_SOCKET;
    if (socketPath) env.KEYSLOT_VIRTUAL_SOCKET = socketPath;
    this.proc = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, env });
    this.proc.stderr.on('data', (d) => (this.stderr += String(d)));
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      const msg = JSON.parse(line) as Record<string, unknown>;
      if (typeof msg.event === 'string') {
        this.events.push(msg as unknown as ChildEvent);
        this.eventWaiters.splice(0).forEach((wake) => wake());
      } else {
        this.waiting.shift()?.(msg as ChildReply);
      }
    });
  }

  /** Sends one command line and resolves with its JSON reply (rejects after 10 s). */
  send(command: string): Promise<ChildReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`child did not answer '${command}'; stderr: ${this.stderr}`)),
        10_000,
      );
      this.waiting.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.proc.stdin.write(`${command}\n`);
    });
  }

  /** Resolves once at least `count` watch events arrived (rejects after 10 s). */
  async waitForEvents(count: number): Promise<ChildEvent[]> {
    const deadline = Date.now() + 10_000;
    while (this.events.length < count) {
      if (Date.now() > deadline)
        throw new Error(`only ${this.events.length} of ${count} events; stderr: ${this.stderr}`);
      await new Promise<void>((wake) => {
        this.eventWaiters.push(wake);
        setTimeout(wake, 200);
      });
    }
    return this.events.slice(0, count);
  }

  /** Asks the child to exit and waits for it. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.stdin.end('exit\n');
    await exited;
  }
}
