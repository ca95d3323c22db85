/**
 * `keyslot code QUERY` on a named-credential token (Nitrokey 3): the exact name, else the same name in
 * any case, else every name holding QUERY; several matches are listed and exit 2 unless --first.
 */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
import { say, sayJson, usage, type Command } from './command';
import { CliError } from './context';
import { EXIT } from './exit-codes';
import { namesForQuery } from './name-query';
import { pinSource, withSession } from './names-family';

export const namesCode: Command = {
  path: ['code'],
  summary: 'print the code of the credential whose name matches QUERY (for launchers)',
  usage: 'code QUERY [--first]',
  details: CLI_HELP_EN['code'],
  options: { first: { type: 'boolean', help: 'take the first of several matches' } },
  positionals: [1, 1],
  hasJson: true,
  async run(inv) {
    const query = inv.positionals[0];
    if (query.trim() === '') throw usage(CLI_EN.queryEmpty);
    const result = await withSession(inv, async (s) => {
      const all = (await s.listCredentials()).filter((c) => c.kind === 'totp' || c.kind === 'hotp');
      const hits = namesForQuery(all, query);
      if (hits.length === 0) throw usage(CLI_EN.noSlotMatches({ query }));
      if (hits.length > 1 && inv.values.first !== true)
        return { isMany: true as const, matches: hits.map((h) => h.name) };
      const c = hits[0];
      return {
        isMany: false as const,
        name: c.name,
        ...(await s.getCode(c.ref, { pin: pinSource(inv.ctx), credential: c })),
      };
    });
    if (result.isMany) {
      if (inv.json) sayJson(inv, { matches: result.matches.map((name) => ({ name })) });
      else say(inv, result.matches.join('\n'));
      throw new CliError(CLI_EN.matchesMany({ query, count: result.matches.length }), EXIT.usage);
    }
    if (inv.json) return sayJson(inv, { name: result.name, code: result.code, digits: result.digits });
    say(inv, result.code);
  },
};
