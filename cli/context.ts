/**
 * What a CLI command is given: streams, environment and injectable pieces, as one object
 * (nitrocli's context), so a whole command runs in a test with fake streams.
 */
import type { Clock } from '../device/index';
import type { DeviceInfo, Token } from '../device/index';
import type { SessionOptions, TokenSession } from '../device/index';

/** Something text can be written to (process.stdout, or a test's collector). */
export interface TextSink {
  write(text: string): unknown;
}

/** The input stream PIN prompts read; `setRawMode` is present on a real terminal. */
export type InputStream = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/** Everything a command may touch outside itself. */
export interface CliContext {
  stdout: TextSink;
  stderr: TextSink;
  stdin: InputStream;
  env: Record<string, string | undefined>;
  /** True when a person can answer prompts (stdin and stderr are a terminal). */
  isTTY: boolean;
  /** Time for TOTP and the token session (default: the system clock). */
  clock?: Clock;
  /**
   * Slot tokens cli/family.ts already found for this command's `--device` (the first is opened): the
   * command's open uses them instead of enumerating again.
   */
  hidTokens?: DeviceInfo[];
  /** Opens the token a `--device` spec names (default: device/connect.ts openToken). */
  openToken?: (spec: string) => Promise<Token>;
  /**
   * Opens a session of either token family for a `--device` spec (default: device/tokens/open.ts
   * openSession); the Nitrokey 3 commands use it.
   */
  openSession?: (spec: string, opts: SessionOptions) => Promise<TokenSession>;
  /** Resolves when a long-running command (`virtual serve`) should stop (default: SIGINT or SIGTERM). */
  waitForStop?: () => Promise<void>;
}

/** A failure the CLI found itself (bad arguments, missing PIN source); printed as "keyslot: <message>". */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
