import { useEffect, useRef, useState } from 'react';
import type { CredentialView } from '../../electron/ipc/contract';
import { onSearchKey } from '../components/search-keys';
import { searchStatus, useTypeToSearch } from '../components/SlotList';
import { usePendingEnter, useSearchField } from '../components/use-search-field';
import { t } from '../i18n';
import { copyCredential, lockNamed, unlockNamed } from './actions';
import { NamedPasswords } from './NamedPasswords';
import { matchCredentials, useNamedStore } from './store';

/** A named-credential token (Nitrokey 3): its panel, and its credentials or password fields. */
export function NamedView() {
  const tab = useNamedStore((s) => s.tab);
  const set = useNamedStore((s) => s.set);
  return (
    <div className="layout">
      <NamedPanel />
      <div className="content">
        <div role="tablist" className="tabs" aria-label={t('modelNk3')}>
          <button
            type="button"
            role="tab"
            id="named-tab-codes"
            aria-controls="named-panel"
            aria-selected={tab === 'codes'}
            onClick={() => set({ tab: 'codes' })}
          >
            {t('tabCodes')}
          </button>
          <button
            type="button"
            role="tab"
            id="named-tab-pws"
            aria-controls="named-panel"
            aria-selected={tab === 'pws'}
            onClick={() => set({ tab: 'pws' })}
          >
            {t('passwordsTitle')}
          </button>
        </div>
        <div role="tabpanel" id="named-panel" aria-labelledby={`named-tab-${tab}`}>
          {tab === 'codes' ? <CredentialList /> : <NamedPasswords />}
        </div>
      </div>
    </div>
  );
}

/** Model, firmware, serial, PIN state and tries left, credential count of the limit; PIN and lock actions. */
function NamedPanel() {
  const info = useNamedStore((s) => s.info);
  const set = useNamedStore((s) => s.set);
  if (!info) return <section className="panel token-panel" aria-busy="true" aria-label={t('modelNk3')} />;
  const tries = info.pin.retriesLeft;
  return (
    <section className="panel token-panel" aria-label={t('modelNk3')}>
      <h2>
        {t('modelNk3')}
        {info.isVirtual && <span className="badge virtual">{t('virtual')}</span>}
      </h2>
      <dl>
        {info.serial && (
          <>
            <dt>{t('serial')}</dt>
            <dd>{info.serial}</dd>
          </>
        )}
        <dt>{t('firmware')}</dt>
        <dd>{info.firmware}</dd>
        <dt>{t('pinState')}</dt>
        <dd data-testid="nk3-pin-state">
          {!info.pin.isSet ? (
            t('pinNotSet')
          ) : (
            <span className={tries !== null && tries <= 1 ? 'tries low' : 'tries'}>
              {t('pinTriesLeftShort', { n: tries ?? 0 })}
            </span>
          )}
        </dd>
        <dt>{t('credentialsCount')}</dt>
        <dd data-testid="nk3-count">
          {t('credentialsOf', { used: info.credentials.used, max: info.credentials.max })}
        </dd>
      </dl>
      <div className="actions">
        <button type="button" onClick={() => set({ dialog: { type: 'pin', isChange: info.pin.isSet } })}>
          {info.pin.isSet ? t('changeNk3Pin') : t('setFirstPin')}
        </button>
        {info.pin.isSet &&
          (info.isUnlocked ? (
            <button type="button" onClick={() => void lockNamed()}>
              {t('lockProtected')}
            </button>
          ) : (
            <button type="button" onClick={() => void unlockNamed()}>
              {t('unlockProtected')}
            </button>
          ))}
      </div>
    </section>
  );
}

/** Kind, digits, period, algorithm and the touch/PIN/password flags of a credential, as short words. */
export function credentialFacts(c: CredentialView): string {
  const kind =
    { totp: t('kindTotpShort'), hotp: t('kindHotpShort'), password: t('kindPassword') }[c.kind as string] ?? c.kind;
  return [
    kind,
    c.digits !== undefined ? t('digitsShort', { n: c.digits }) : null,
    c.kind === 'totp' && c.period ? t('periodShort', { n: c.period }) : null,
    c.kind !== 'password' ? c.algorithm : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** True while a Nitrokey 3 dialog or PIN prompt is open: typed letters are theirs. */
const isNamedAsking = () => {
  const s = useNamedStore.getState();
  return s.dialog !== null || s.pinPrompt !== null;
};

/**
 * The credentials by name, keyboard first as the slot list (issue 13): the search has the focus, typing
 * filters, ↑/↓ choose, Enter (or Ctrl/Cmd+C) copies the selected match's code, Esc clears; a live region
 * tells screen readers what Enter would copy.
 */
function CredentialList() {
  const all = useNamedStore((s) => s.credentials);
  const isLoaded = useNamedStore((s) => s.info !== null);
  const query = useNamedStore((s) => s.query);
  const set = useNamedStore((s) => s.set);
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const shown = matchCredentials(all, query);
  const current = Math.min(selected, Math.max(shown.length - 1, 0));
  const setQuery = (text: string) => {
    setSelected(0);
    set({ query: text });
  };
  const copyMatch = (index: number) => {
    const { credentials, query: q } = useNamedStore.getState();
    const matches = matchCredentials(credentials, q);
    const c = matches[Math.min(index, matches.length - 1)];
    if (c && c.kind !== 'password') void copyCredential(c);
  };
  // Enter pressed before the list came (the window just opened) copies once it is there.
  const pendingEnter = usePendingEnter(
    () => isLoaded,
    () => copyMatch(selected),
  );
  const copySelected = () => {
    if (useNamedStore.getState().info === null) pendingEnter.keep();
    else copyMatch(current);
  };
  useEffect(() => input.current?.focus(), []);
  useTypeToSearch(input, isNamedAsking);
  // As the slot list (components/use-search-field.ts).
  useSearchField(input, query, {
    query: () => useNamedStore.getState().query,
    setQuery,
    move: (delta) => setSelected((i) => Math.max(0, i + delta)),
    copySelected,
    escape: () => setQuery(''),
  });
  return (
    <section aria-label={t('credentialsTitle')}>
      <div className="toolbar">
        <input
          ref={input}
          // In the host's first HTML too, when it shows a Nitrokey 3: focused as soon as it is parsed.
          autoFocus
          type="search"
          aria-label={t('searchCredentials')}
          aria-controls="credential-list"
          placeholder={t('searchCredentials')}
          defaultValue={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) =>
            onSearchKey(e, {
              // Before the list has come, Enter is kept for it (copySelected).
              count: isLoaded ? shown.length : 1,
              selected: current,
              setSelected,
              copySelected,
              escape: () => setQuery(''),
            })
          }
        />
        <button type="button" className="primary" onClick={() => set({ dialog: { type: 'credential' } })}>
          {t('addCredential')}
        </button>
      </div>
      <p className="sr-only" aria-live="polite" data-testid="search-status">
        {searchStatus(shown.length, shown[current]?.name ?? null, query.trim() !== '' || selected > 0)}
      </p>
      {isLoaded && all.length === 0 && <p className="empty">{t('noCredentials')}</p>}
      {all.length > 0 && shown.length === 0 && <p className="empty">{t('noCredentialMatch', { query })}</p>}
      <ul className="credential-list" id="credential-list">
        {shown.map((c, i) => (
          <li
            key={c.name}
            className={i === current ? 'credential-row selected' : 'credential-row'}
            aria-current={i === current ? 'true' : undefined}
            data-testid="credential-row"
          >
            <div className="credential-main">
              <span className="credential-name">{c.name}</span>
              <span className="credential-facts">{credentialFacts(c)}</span>
              <span className="credential-flags">
                {c.isTouchRequired && <span className="badge">{t('flagTouch')}</span>}
                {c.isPinProtected && <span className="badge">{t('flagPin')}</span>}
                {c.hasPwsData && <span className="badge">{t('flagPassword')}</span>}
              </span>
            </div>
            <div className="actions">
              {c.kind !== 'password' && (
                <button type="button" onClick={() => void copyCredential(c)}>
                  {t('copyCodeOf', { name: c.name })}
                </button>
              )}
              <button type="button" onClick={() => set({ dialog: { type: 'edit', name: c.name } })}>
                {t('editCredentialOf', { name: c.name })}
              </button>
              <button type="button" className="danger" onClick={() => set({ dialog: { type: 'erase', name: c.name } })}>
                {t('eraseCredentialOf', { name: c.name })}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
