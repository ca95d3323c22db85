/**
 * Proposes slot names for the accounts of one import. A slot name holds at most 15 UTF-8 bytes
 * (protocol reference §7.1), and it is what the tray and the slot list show for one-click copy, so a
 * shortened name has to tell the accounts apart and still be recognisable. Pure and deterministic:
 * the same accounts and taken names always give the same names.
 */
import { PROBLEMS_EN } from '../../shared/vocabulary/problems-en';
import { LIMITS } from '../protocol/commands';
import { nameBytes, proposeSlotName } from '../otp/slot';

/** One account to name, in import order. */
export interface NameRequest {
  issuer?: string;
  account?: string;
  /** The name the account came with (`OtpauthAccount.name`); kept when it is not the automatic proposal. */
  name: string;
  /** A name the person chose for this account: used as it is. */
  given?: string;
}

/** A proposed name and, when it is not what the account is called, why. */
export interface ProposedName {
  /** At most 15 UTF-8 bytes, unless the person gave a name. */
  name: string;
  /** True when the person should OK the name (shortened, numbered or made up). */
  isNameChanged: boolean;
  nameNote?: string;
}

const MAX = LIMITS.slotName;
// Where a name may be cut: between words, and at the punctuation of "Issuer:user@host" and "a.b-c".
const SEPARATOR = /^[\s:.,;@_\-/|+()]$/u;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Grapheme clusters of `text`, so a cut never leaves half an emoji or a letter without its accent. */
function clusters(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** `text` without trailing separators (may leave ''). */
function dropSeparators(text: string): string {
  const parts = clusters(text);
  while (parts.length > 0 && SEPARATOR.test(parts[parts.length - 1])) parts.pop();
  return parts.join('');
}

/** `text` without trailing separators, or `text` itself when nothing else would be left. */
const trimEnd = (text: string) => dropSeparators(text) || text;

/** The longest prefix within `max` bytes, whole grapheme clusters (whole code points if one cluster is too long). */
function cutAtBytes(text: string, max: number): string {
  let out = '';
  for (const c of clusters(text)) {
    if (nameBytes(out + c) > max) break;
    out += c;
  }
  if (out !== '') return out;
  for (const c of text) {
    if (nameBytes(out + c) > max) break;
    out += c;
  }
  return out;
}

/** The longest prefix within `max` bytes that ends before a separator (or at the end), trailing separators dropped; '' if none. */
function cutAtWord(text: string, max: number): string {
  const parts = clusters(text);
  let prefix = '';
  let best = '';
  for (let i = 0; i < parts.length; i++) {
    if (nameBytes(prefix + parts[i]) > max) break;
    prefix += parts[i];
    if (i + 1 === parts.length || SEPARATOR.test(parts[i + 1])) best = prefix;
  }
  return dropSeparators(best);
}

/** "alice" for "alice@example.com"; the account itself when it is not e-mail style. */
function localPart(account: string): string {
  const at = account.indexOf('@');
  return at > 0 ? account.slice(0, at) : account;
}

const key = (text: string | undefined) => (text ?? '').trim().toLowerCase();

interface Candidate {
  name: string;
  why: string;
}

/**
 * The shortened names to try for an account whose "Issuer:account" is over 15 bytes, best first.
 * The order puts the issuer first, as the tray lists slots by name and the issuer is what a person
 * looks for; the user part comes next, as it tells two accounts at one issuer apart:
 *   1. "Issuer:alice", the account cut at its "@" (the domain rarely tells accounts apart);
 *   2. "ACME:alice", the issuer's first words and the account (or its part before "@");
 *   3. the issuer alone, only when no other account in this import has that issuer, else it names
 *      two accounts at once;
 *   4. the account, or its part before "@", alone, under the same rule;
 *   5. "Issuer:account" cut after a whole word, without a trailing ':' '-' '.' or space;
 *   6. "Issuer:account" cut at 15 bytes, the last resort.
 * Each must still be a name that no other account of the import and no slot of the token has;
 * planning takes the first such, or numbers the best one ("Issuer:alice 2").
 */
function candidates(
  issuer: string,
  account: string,
  full: string,
  shared: { issuer: boolean; user: boolean },
): Candidate[] {
  const user = localPart(account);
  const isMail = user !== account;
  const list: Candidate[] = [];
  if (issuer && user && isMail) list.push({ name: `${issuer}:${user}`, why: PROBLEMS_EN.nameIssuerAndUser });
  if (issuer && user) {
    const head = cutAtWord(issuer, MAX - nameBytes(`:${user}`));
    if (head && head !== issuer) {
      list.push({
        name: `${head}:${user}`,
        why: PROBLEMS_EN.nameIssuerWords({ isOneWord: !/[\s\-_/]/.test(head), isMail }),
      });
    }
  }
  if (issuer && !shared.issuer) list.push({ name: issuer, why: PROBLEMS_EN.nameIssuerAlone });
  if (account && !shared.user) {
    list.push({ name: account, why: PROBLEMS_EN.nameAccountAlone });
    if (isMail) list.push({ name: user, why: PROBLEMS_EN.nameUserAlone });
  }
  const word = cutAtWord(full, MAX);
  // A cut that leaves only a shared issuer (or user) would name several accounts at once.
  const isShared = (name: string) =>
    (shared.issuer && key(name) === key(issuer)) ||
    (shared.user && (key(name) === key(account) || key(name) === key(user)));
  if (word && !isShared(word)) list.push({ name: word, why: PROBLEMS_EN.nameCutAtWord });
  list.push({ name: trimEnd(cutAtBytes(full, MAX)), why: PROBLEMS_EN.nameCutAtBytes({ maxBytes: MAX }) });
  return list.filter((c) => c.name !== '' && nameBytes(c.name) <= MAX);
}

/** `base` with the lowest " 2", " 3"… that makes a name nobody has, `base` cut to leave room. */
function numbered(base: string, used: ReadonlySet<string>): string {
  for (let k = 2; ; k++) {
    const suffix = ` ${k}`;
    const name = trimEnd(cutAtBytes(base, MAX - nameBytes(suffix))) + suffix;
    if (!used.has(name)) return name;
  }
}

const tooLong = (full: string, name: string) =>
  PROBLEMS_EN.nameTooLong({ full, bytes: nameBytes(full), maxBytes: MAX, name });

/**
 * Names each account of one import: "Issuer:account" when it fits in 15 bytes (unchanged, as
 * before), else the first free name of `candidates` above. Names the person gave, and names an
 * account came with, are kept as they are. No two proposed names of the import are equal: a name
 * that fits but repeats an earlier account's gets " 2". `taken` are the names of the token's
 * programmed slots that stay; shortened names avoid them too. The n-th account without any name
 * is "Account n".
 */
export function proposeSlotNames(requests: readonly NameRequest[], taken: readonly string[]): ProposedName[] {
  const out: (ProposedName | undefined)[] = [];
  const fulls = requests.map((r) =>
    r.issuer && r.account ? `${r.issuer}:${r.account}` : (r.issuer || r.account || '').trim(),
  );
  const inImport = new Set<string>();
  // First the names that stay, so a shortened name never takes one of them.
  requests.forEach((r, i) => {
    const full = fulls[i];
    const isOwn = r.name !== '' && r.name !== proposeSlotName(r.issuer, r.account);
    if (r.given !== undefined) out[i] = { name: r.given, isNameChanged: false };
    else if (isOwn && nameBytes(full) > MAX)
      out[i] = { name: r.name, isNameChanged: true, nameNote: tooLong(full, r.name) };
    else if (isOwn) out[i] = { name: r.name, isNameChanged: false };
    else if (full !== '' && nameBytes(full) <= MAX && !inImport.has(full))
      out[i] = { name: full, isNameChanged: false };
    if (out[i]) inImport.add(out[i]!.name);
  });
  const used = new Set([...taken, ...inImport]);
  const count = (text: string, of: (r: NameRequest) => string) =>
    requests.filter((r) => key(of(r)) === key(text)).length;
  requests.forEach((r, i) => {
    if (out[i]) return;
    const full = fulls[i];
    let named: ProposedName;
    if (full === '') {
      const base = PROBLEMS_EN.defaultAccountName({ n: i + 1 });
      const name = used.has(base) ? numbered(base, used) : base;
      named = { name, isNameChanged: true, nameNote: PROBLEMS_EN.nameNone({ name }) };
    } else if (nameBytes(full) <= MAX) {
      const name = numbered(full, used);
      named = {
        name,
        isNameChanged: true,
        nameNote: PROBLEMS_EN.nameTwice({ full, name }),
      };
    } else {
      const issuer = (r.issuer ?? '').trim();
      const account = (r.account ?? '').trim();
      const shared = {
        issuer: count(issuer, (o) => o.issuer ?? '') > 1,
        user: count(localPart(account), (o) => localPart((o.account ?? '').trim())) > 1,
      };
      const list = candidates(issuer, account, full, shared);
      const free = list.find((c) => !used.has(c.name));
      const name = free ? free.name : numbered(list[0].name, used);
      const why = free ? free.why : PROBLEMS_EN.nameNumbered({ name: list[0].name });
      named = { name, isNameChanged: true, nameNote: `${tooLong(full, name)} ${why}` };
    }
    used.add(named.name);
    out[i] = named;
  });
  return out as ProposedName[];
}
