/** The tray icon: its menu is built by services/tray-model.ts and rebuilt whenever the state changes. */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { PwsState, SlotSummary, TokenInfo } from './ipc/contract';
import { buildTrayMenu, TRAY_STRINGS, type TrayAction, type TrayOptions } from './services/tray-model';

export interface TrayState {
  token: TokenInfo | null;
  slots: SlotSummary[];
  pws: PwsState;
}

/** Creates the tray, or returns null where the desktop has none (the window stays the way in). */
export function createTray(
  appDir: string,
  onAction: (a: TrayAction) => void,
): { update: (s: TrayState, lang: 'en' | 'de', opts?: TrayOptions) => void; destroy: () => void } | null {
  let tray: Tray;
  try {
    tray = new Tray(nativeImage.createFromPath(join(appDir, 'icon.png')).resize({ width: 22, height: 22 }));
  } catch {
    return null;
  }
  tray.setToolTip('keyslot');
  return {
    update(state, lang, opts) {
      const items = buildTrayMenu(state.token, state.slots, state.pws, TRAY_STRINGS[lang], opts);
      const template: MenuItemConstructorOptions[] = items.map((item) =>
        item.kind === 'separator'
          ? { type: 'separator' }
          : item.kind === 'header'
            ? { label: item.label, enabled: false }
            : { label: item.label, enabled: item.isEnabled, click: () => onAction(item.action) },
      );
      tray.setContextMenu(Menu.buildFromTemplate(template));
    },
    destroy: () => tray.destroy(),
  };
}
