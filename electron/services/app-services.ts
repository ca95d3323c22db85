/**
 * Builds every main-side service and the handler of each contract channel. Electron's main and the
 * Node web host both call this with their own ports (clipboard, settings file, event sink), so the
 * web host serves exactly the app's logic.
 */
import { isDeviceError, type Clock, type SealOptions, type Transport } from '../../device/index';
import type { AppInfo, BootState, Events, ShortcutStatus, TokenInfo } from '../ipc/contract';
import { FACTORY_RESET_WORD } from '../../shared/constants';
import { AppError, silentLogger, type Handlers, type Logger } from '../ipc/serve';
import { BackupService } from './backup-service';
import { FileGrants } from './file-grants';
import { writeConfig } from './config-service';
import type { FileDialogPort, ScreenCapturePort } from './import-ports';
import { ImportService } from './import-service';
import { writeImport } from './import-write';
import { CodeService } from './code-service';
import { ClipboardService, type ClipboardPort, type TimerPort } from './clipboard-service';
import { PwsService } from './pws-service';
import { SettingsService, type SettingsStore } from './settings-service';
import { SlotService } from './slot-service';
import { TokenSession } from './token-session';
import { createTokensServices, type TokensServices } from './tokens-services';

export interface AppServicesDeps {
  /** Sends an event to the window. */
  emit: <E extends keyof Events>(event: E, payload: Events[E]) => void;
  clipboard: ClipboardPort;
  settingsStore: SettingsStore;
  /** Opens the virtual token (state in the user-data folder). */
  openVirtual: () => Promise<Transport>;
  /** Host facts, asked at each request (the tray may appear after start). */
  appInfo: () => Omit<AppInfo, 'hasFileDialogs' | 'canCaptureScreen'>;
  clock?: Clock;
  timers?: TimerPort;
  log?: Logger;
  /** Screen capture for 'import/scan-screen'; without it the request says capture is unavailable. */
  capture?: ScreenCapturePort;
  /** The system's file dialogs (Electron). */
  files?: FileDialogPort;
  /**
   * The web host's stand-in for file dialogs: 'backup/typed-file' turns a path its page typed into a
   * handle. Ignored with `files`; without either, no request can name a file.
   */
  typedPaths?: boolean;
  /** Backup encryption cost (tests make it cheap). */
  backupSeal?: SealOptions;
  /** The quick picker's shortcut and window (Electron); the web host has neither. */
  picker?: { shortcutStatus(): ShortcutStatus; close(): boolean };
}

export interface AppServices {
  session: TokenSession;
  slots: SlotService;
  pws: PwsService;
  clipboard: ClipboardService;
  settings: SettingsService;
  imports: ImportService;
  backups: BackupService;
  codes: CodeService;
  /** Tokens side by side: named tokens (Nitrokey 3), their credentials, the move wizard (issue 12). */
  tokens: TokensServices;
  handlers: Handlers;
  /** The window's first data (BootState), from the services' caches where they hold it. */
  bootState(): Promise<BootState>;
}

/** Wires the services together and returns them with the contract's handlers. */
export function createAppServices(deps: AppServicesDeps): AppServices {
  const log = deps.log ?? silentLogger;
  const settings = new SettingsService(deps.settingsStore);
  const clipboard = new ClipboardService({
    clipboard: deps.clipboard,
    timers: deps.timers,
    clearAfterMs: (kind) =>
      1000 * (kind === 'code' ? settings.get().clearCodeAfterS : settings.get().clearPasswordAfterS),
    onCleared: (reason) => deps.emit('clipboard/cleared', { reason }),
  });
  const session = new TokenSession({ emit: deps.emit, clock: deps.clock, log });
  const slots = new SlotService(session, clipboard);
  const pws = new PwsService(session, clipboard);
  const imports = new ImportService(session, slots, { capture: deps.capture, clipboard: deps.clipboard });
  const grants = new FileGrants({ now: () => session.clock.now() });
  const backups = new BackupService(imports, {
    files: deps.files,
    typedPaths: deps.typedPaths,
    grants,
    seal: deps.backupSeal,
  });
  const codes = new CodeService(session, slots, clipboard);
  session.onChange(() => {
    if (!session.isAttached) codes.forget();
  });
  settings.onChange((s) => deps.emit('settings/changed', s));
  const tokens = createTokensServices({
    emit: deps.emit,
    readClipboardImage: async () => (await deps.clipboard.readImage?.()) ?? null,
    capture: deps.capture,
    session,
    clipboard,
    clock: session.clock,
    log,
    backupSeal: deps.backupSeal,
    grants,
    onPrimaryWritten: () => {
      slots.invalidate();
      void slots.announce().catch(() => undefined);
      void pws.announce().catch(() => undefined);
    },
  });

  /** Runs a PIN command; tries left change either way, so the panel is refreshed. */
  async function withPin<T>(fn: () => Promise<T>): Promise<TokenInfo> {
    try {
      await fn();
    } catch (e) {
      if (isDeviceError(e) && session.isAttached) void session.announce().catch(() => undefined);
      throw e;
    }
    return session.announce();
  }

  const handlers: Handlers = {
    'app/info': () => ({ ...deps.appInfo(), hasFileDialogs: !!deps.files, canCaptureScreen: !!deps.capture }),
    'token/current': () => session.current(),
    'token/use-virtual': async () => {
      const info = await session.attach(await deps.openVirtual());
      void slots.announce().catch(() => undefined);
      return info;
    },
    'token/lock': async () => {
      await session.use((t) => t.lock());
      void pws.announce().catch(() => undefined);
      return session.announce();
    },
    'token/set-time': () => session.setTimeForced(),
    'pin/verify': ({ kind, pin }) => session.verifyPin(kind, pin),
    'pin/change': ({ kind, current, next }) => withPin(() => session.use((t) => t.changePin(kind, current, next))),
    'pin/unlock-user': ({ adminPin, newUserPin }) =>
      withPin(() => session.use((t) => t.unlockUserPin(adminPin, newUserPin))),
    'token/factory-reset': async ({ adminPin, confirmation }) => {
      if (confirmation !== FACTORY_RESET_WORD)
        throw new AppError('confirmation-needed', { reason: 'type-reset-word', value: FACTORY_RESET_WORD });
      const info = await withPin(() => session.use((t) => t.factoryReset(adminPin)));
      slots.invalidate();
      void slots.announce().catch(() => undefined);
      void pws.announce().catch(() => undefined);
      return info;
    },
    'config/set': (req) => writeConfig(session, req),
    'slot/list': () => slots.list(),
    'slot/write': (req) => slots.write(req),
    'slot/erase': ({ slot, adminPin }) => slots.erase(slot, adminPin),
    'otp/copy': ({ slot, userPin }) => slots.copy(slot, userPin),
    'pws/status': () => pws.status(),
    'pws/unlock': ({ userPin }) => pws.unlock(userPin),
    'pws/init': ({ adminPin }) => pws.init(adminPin),
    'pws/read': ({ index }) => pws.read(index),
    'pws/write': (req) => pws.write(req),
    'pws/erase': ({ index }) => pws.erase(index),
    'pws/copy': ({ index, field }) => pws.copy(index, field),
    'import/scan-screen': () => imports.scanScreen(),
    'import/scan-image': ({ bytes, source }) => imports.scanImage(bytes, source),
    'import/scan-clipboard': () => imports.scanClipboard(),
    'import/read-text': ({ text }) => imports.readText(text),
    'import/typed': (req) => imports.typed(req),
    'import/replan': ({ id }) => imports.replan(id),
    'import/reveal-secret': ({ id, index }) => imports.reveal(id, index),
    'import/write': (req) => writeImport(session, slots, imports, req),
    'import/discard': ({ id }) => imports.discard(id),
    'backup/choose-file': ({ purpose, suggestedName }) => backups.choose(purpose, suggestedName),
    'backup/typed-file': ({ purpose, path }) => backups.typed(purpose, path),
    'backup/add': (req) => backups.add(req),
    'backup/open': (req) => backups.open(req),
    'backup/save-sheet': (req) => backups.saveSheet(req),
    'settings/get': () => settings.get(),
    'settings/set': (change) => settings.set(change),
    'otp/codes': ({ slots: refs, userPin }) => codes.codes(refs, userPin),
    'otp/copy-shown': ({ slot, code }) => codes.copyShown(slot, code),
    'shortcut/status': () =>
      deps.picker?.shortcutStatus() ?? {
        accelerator: settings.get().pickerShortcut,
        isRegistered: false,
        problem: 'unsupported',
      },
    'picker/close': () => ({ isClosed: deps.picker?.close() ?? false }),
    ...tokens.handlers,
  };
  const bootState = async (): Promise<BootState> => {
    const token = await session.current();
    return {
      appInfo: handlers['app/info']() as AppInfo,
      settings: settings.get(),
      token,
      slots: token ? await slots.list() : [],
      tokens: await tokens.entries(),
    };
  };
  return { session, slots, pws, clipboard, settings, imports, backups, codes, tokens, handlers, bootState };
}
