/** `keyslot completion bash|zsh|fish`: prints the shell's completion script (cli/completion-scripts.ts). */
import { CLI_EN } from '../shared/vocabulary/cli-en';
import { CLI_HELP_EN } from '../shared/vocabulary/cli-help-en';
import { usage, type Command } from './command';
import { staticWords } from './cmd-complete';
import { bashScript, fishScript, zshScript } from './completion-scripts';

const SCRIPTS: Record<string, (fallback: string[]) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };

/** `keyslot completion` (see its summary and details below). */
export const completionCommand: Command = {
  path: ['completion'],
  summary: 'print the completion script for bash, zsh or fish',
  usage: 'completion bash|zsh|fish',
  details: CLI_HELP_EN['completion'],
  positionals: [1, 1],
  async run(inv) {
    const script = SCRIPTS[inv.positionals[0]];
    if (!script) throw usage(CLI_EN.completionTakes({ value: inv.positionals[0] }));
    inv.ctx.stdout.write(script(staticWords()));
  },
};
