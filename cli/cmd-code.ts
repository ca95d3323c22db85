/**
 * `keyslot code QUERY` (issue 13): the code of the slot a launcher names, in one step. An exact
 * name wins (as typed, then ignoring case); else every slot whose name holds QUERY, ignoring case.
 * More than one match is listed (one per line, for the launcher to offer) and exits 2 unless
 * --first takes the first in slot order. Loaded only when it runs (cli/commands.ts).
 */
import { formatSlotRef, type SlotRef } from '../device/index';
import { getCode, syncTime } from './cmd-otp';
import { say, sayJson, usage, withToken, type Command } from './command';
import { CliError } from './context';
import { EXIT } from './exit-codes';

/** A programmed slot by name. */
export interface NamedSlot {
  slot: SlotRef;
  name: string;
}

/** The slots `query` names: the exact name, else the same name in any case, else every name holding it. */
export function slotsForQuery(slots: NamedSlot[], query: string): NamedSlot[] {
  const exact = slots.filter((s) => s.name === query);
  if (exact.length > 0) return exact;
  const q = query.toLowerCase();
  const sameName = slots.filter((s) => s.name.toLowerCase() === q);
  if (sameName.length > 0) return sameName;
  return slots.filter((s) => s.name.toLowerCase().includes(q));
}

export const codeCommand: Command = {
  path: ['code'],
  summary: 'print the code of the slot whose name matches QUERY (for launchers)',
  usage: 'code QUERY [--first]',
  details:
    'An exact slot name wins; otherwise every slot whose name contains QUERY, ignoring case. ' +
    'With more than one match the slots are listed on stdout and keyslot exits 2, unless --first ' +
    'takes the first in slot order (TOTP, then HOTP). For TOTP the token’s clock is set first; a ' +
    'HOTP code advances its counter. For rofi or dmenu: ' +
    'keyslot otp list --json | jq -r ".[]|select(.isEmpty|not).name" | rofi -dmenu | xargs -r -d "\\n" keyslot code',
  options: { first: { type: 'boolean', help: 'take the first of several matches' } },
  positionals: [1, 1],
  hasJson: true,
  async run(inv) {
    const query = inv.positionals[0];
    if (query.trim() === '') throw usage('QUERY is empty. Write a slot name or a part of one.');
    const result = await withToken(inv, async (token) => {
      const all = (await token.listSlots()).flatMap((s) => (s.value ? [{ slot: s.slot, name: s.value.name }] : []));
      const hits = slotsForQuery(all, query);
      if (hits.length === 0) throw usage(`No slot matches "${query}". See keyslot otp list.`);
      if (hits.length > 1 && inv.values.first !== true) return { isMany: true as const, matches: hits };
      const { slot, name } = hits[0];
      if (slot.kind === 'totp') await syncTime(inv, token, false);
      const code = await getCode(inv, token, slot);
      return { isMany: false as const, slot, name, ...code };
    });
    if (result.isMany) {
      const views = result.matches.map((m) => ({ slot: formatSlotRef(m.slot), name: m.name }));
      if (inv.json) sayJson(inv, { matches: views });
      else say(inv, views.map((v) => `${v.slot.padEnd(8)}${v.name}`).join('\n'));
      throw new CliError(
        `"${query}" matches ${views.length} slots. Write more of the name, or add --first.`,
        EXIT.usage,
      );
    }
    if (inv.json)
      return sayJson(inv, {
        slot: formatSlotRef(result.slot),
        name: result.name,
        code: result.code,
        digits: result.digits,
      });
    say(inv, result.code);
  },
};
