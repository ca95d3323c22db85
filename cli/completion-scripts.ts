/**
 * The shell completion scripts `keyslot completion bash|zsh|fish` prints. Each asks
 * `keyslot __complete -- WORDS... CURRENT` (cli/cmd-complete.ts) for the candidates, within 2 s
 * where coreutils' timeout exists, and offers `fallback` (the command words) if that call fails.
 * A candidate line ':files' means file names.
 */

const quoteWords = (words: string[]) => words.join(' ');

/** For bash 3.2 (macOS) and later; also what zsh's bashcompinit would run, though zsh gets its own. */
export function bashScript(fallback: string[]): string {
  return `# keyslot completion for bash. Load it with: eval "$(keyslot completion bash)"
# or save it as ~/.local/share/bash-completion/completions/keyslot
_keyslot() {
  local line="\${COMP_LINE:0:COMP_POINT}" cur="" out c q
  local -a words
  # The words before the cursor, split here: bash's COMP_WORDS would split totp:1 at the colon.
  read -r -a words <<< "$line"
  if [[ $line != *[[:space:]] && \${#words[@]} -gt 1 ]]; then
    cur="\${words[\${#words[@]}-1]}"
    unset "words[\${#words[@]}-1]"
  fi
  cur="\${cur//\\\\/}"
  if command -v timeout > /dev/null 2>&1; then
    out=$(timeout 2 keyslot __complete -- "\${words[@]:1}" "$cur" 2> /dev/null)
  else
    out=$(keyslot __complete -- "\${words[@]:1}" "$cur" 2> /dev/null)
  fi
  if [[ $? -ne 0 ]]; then
    out=$(compgen -W "${quoteWords(fallback)}" -- "$cur")
  fi
  COMPREPLY=()
  while IFS= read -r c; do
    [[ -z $c ]] && continue
    if [[ $c == :files ]]; then
      compopt -o filenames 2> /dev/null
      while IFS= read -r c; do COMPREPLY+=("$c"); done < <(compgen -f -- "$cur")
      continue
    fi
    # Bash replaces only the part after the last colon of the word (COMP_WORDBREAKS).
    if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then c="\${c#"\${cur%"\${cur##*:}"}"}"; fi
    printf -v q '%q' "$c"
    COMPREPLY+=("$q")
  done <<< "$out"
}
complete -F _keyslot keyslot
`;
}

/** For zsh's completion system (compinit): on $fpath as _keyslot, or sourced. */
export function zshScript(fallback: string[]): string {
  return `#compdef keyslot
# keyslot completion for zsh. Save it as _keyslot in a folder on $fpath,
# or load it with: source <(keyslot completion zsh)
_keyslot() {
  local cur="\${words[CURRENT]}" out
  local -a before lines
  before=("\${(@)words[2,CURRENT-1]}")
  if (( $+commands[timeout] )); then
    out="$(timeout 2 keyslot __complete -- "\${before[@]}" "$cur" 2> /dev/null)"
  else
    out="$(keyslot __complete -- "\${before[@]}" "$cur" 2> /dev/null)"
  fi
  if (( $? != 0 )); then
    compadd -- ${quoteWords(fallback)}
    return
  fi
  lines=("\${(@f)out}")
  if (( \${lines[(Ie):files]} )); then
    _files
  elif (( \${#lines} )) && [[ -n \${lines[1]} ]]; then
    compadd -- "\${lines[@]}"
  fi
}
if [[ \${funcstack[1]} == _keyslot ]]; then
  _keyslot "$@"
else
  compdef _keyslot keyslot
fi
`;
}

/** For fish 3 and later. */
export function fishScript(fallback: string[]): string {
  return `# keyslot completion for fish. Save it with:
# keyslot completion fish > ~/.config/fish/completions/keyslot.fish
function __keyslot_complete
    set -l before (commandline -opc)
    set -e before[1]
    set -l cur (commandline -ct)
    if command -q timeout
        set -f out (timeout 2 keyslot __complete -- $before "$cur" 2>/dev/null)
    else
        set -f out (keyslot __complete -- $before "$cur" 2>/dev/null)
    end
    or begin
        printf '%s\\n' ${quoteWords(fallback)}
        return
    end
    for c in $out
        if test "$c" = :files
            __fish_complete_path "$cur"
        else
            printf '%s\\n' $c
        end
    end
end
complete -c keyslot -f -a '(__keyslot_complete)'
`;
}
