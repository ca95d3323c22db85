import type { TokenEntry } from '../../electron/ipc/contract';
import { t } from '../i18n';
import { selectToken } from './actions';
import { useNamedStore } from './store';

const MODEL_NAMES = {
  pro: 'Nitrokey Pro',
  storage: 'Nitrokey Storage',
  librem: 'Librem Key',
  nk3: 'Nitrokey 3',
} as const satisfies Record<TokenEntry['model'], string>;

/** A token's name in lists: model, serial or "virtual". */
export function tokenName(e: TokenEntry): string {
  return `${MODEL_NAMES[e.model]}${e.isVirtual ? ` (${t('virtual')})` : e.serial ? ` ${e.serial}` : ''}`;
}

/** Chooses the token the window shows, when more than one is plugged in (issue 12). */
export function TokenSwitcher() {
  const tokens = useNamedStore((s) => s.tokens);
  const selected = useNamedStore((s) => s.selected);
  const openDialog = useNamedStore((s) => s.set);
  if (tokens.length === 0 || (tokens.length === 1 && tokens[0].isPrimary)) return null;
  const value = selected ?? tokens.find((e) => e.isPrimary)?.id ?? '';
  return (
    <div className="token-switcher">
      <label htmlFor="token-switcher">{t('tokenSwitcher')}</label>
      <select id="token-switcher" value={value} onChange={(e) => selectToken(e.target.value)}>
        {tokens.map((e) => (
          <option key={e.id} value={e.id}>
            {tokenName(e)}
          </option>
        ))}
      </select>
      {tokens.length > 1 && (
        <button type="button" onClick={() => openDialog({ dialog: { type: 'move' }, review: null })}>
          {t('moveWizard')}
        </button>
      )}
    </div>
  );
}
