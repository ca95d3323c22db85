/**
 * `keyslot code QUERY` (issue 13): the code of the slot a launcher names, in one step. An exact
 * name wins (as typed, then ignoring case); else every slot whose name holds QUERY, ignoring case.
 * More than one match is listed (one per line, for the launcher to offer) and exits 2 unless
 * --first takes the first in slot order. Loaded only when it runs (cli/commands.ts).
 */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
import { formatSlotRef, type SlotRef } from '../device/index';
import { getCode, syncTime } from './cmd-otp';
import { say, sayJson, usage, withToken, type Command } from './command';
import { CliError } from './context';
import { EXIT } from './exit-codes';
import { namesForQuery } from './name-query';

/** A programmed slot by name. */
export interface NamedSlot {
  slot: SlotRef;
  name: string;
}

/** The slots `query` names (cli/name-query.ts). */
export const slotsForQuery: (slots: NamedSlot[], query: string) => NamedSlot[] = namesForQuery;

export const codeCommand: Command = {
  path: ['code'],
  summary: 'print the code of the slot whose name matches QUERY (for launchers)',
  usage: 'code QUERY [--first]',
  details: CLI_HELP_EN['code'],
  options: { first: { type: 'boolean', help: 'take the first of several matches' } },
  positionals: [1, 1],
  hasJson: true,
  async run(inv) {
    const query = inv.positionals[0];
    if (query.trim() === '') throw usage(CLI_EN.queryEmpty);
    const result = await withToken(inv, async (token) => {
      const all = (await token.listSlots()).flatMap((s) => (s.value ? [{ slot: s.slot, name: s.value.name }] : []));
      const hits = slotsForQuery(all, query);
      if (hits.length === 0) throw usage(CLI_EN.noSlotMatches({ query }));
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
      throw new CliError(CLI_EN.matchesMany({ query, count: views.length }), EXIT.usage);
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
