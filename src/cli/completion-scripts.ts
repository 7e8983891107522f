// The scripts `oncall completion bash|zsh|fish` prints. Each is a thin layer: on TAB it runs
// `oncall __complete -- WORDS… CURRENT`, which prints `:words` or `:file` and then the
// candidates, one per line (completion-line.ts decides). One Node start per TAB, as with
// cobra's `__complete` (gh, kubectl), buys one implementation for every shell and ids read
// from the database as they are now.

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const BASH = `# oncall completion for bash. Load it from ~/.bashrc with:
#   source <(oncall completion bash)
_oncall_complete() {
  local cur=\${COMP_WORDS[COMP_CWORD]} IFS=$'\\n'
  local -a out
  out=($(command oncall __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null))
  COMPREPLY=()
  if [[ \${out[0]} == :file ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
    compopt -o filenames 2>/dev/null
  else
    COMPREPLY=($(compgen -W "\${out[*]:1}" -- "$cur"))
  fi
}
complete -F _oncall_complete oncall
`;

const ZSH = `#compdef oncall
# oncall completion for zsh. Load it from ~/.zshrc (after compinit) with:
#   source <(oncall completion zsh)
_oncall() {
  local -a out
  out=("\${(@f)$(command oncall __complete -- "\${(@)words[2,CURRENT-1]}" "\${words[CURRENT]}" 2>/dev/null)}")
  if [[ \${out[1]} == :file ]]; then
    _files
  else
    compadd -- "\${(@)out[2,-1]}"
  fi
}
compdef _oncall oncall
`;

const FISH = `# oncall completion for fish. Load it with:
#   oncall completion fish > ~/.config/fish/completions/oncall.fish
function __oncall_complete
    set -l typed (commandline -opc)[2..-1]
    set -l current (commandline -ct)
    set -l out (command oncall __complete -- $typed $current 2>/dev/null)
    if test "$out[1]" = ":file"
        __fish_complete_path $current
    else
        printf '%s\\n' $out[2..-1]
    end
end
complete -c oncall -f -a '(__oncall_complete)'
`;

export const SCRIPTS: Record<Shell, string> = { bash: BASH, zsh: ZSH, fish: FISH };
