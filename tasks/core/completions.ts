import { UsageError } from './errors.js';
import { isPrivate } from './help.js';
import type { Manifest, ManifestRecipe } from './manifest.js';

/**
 * `tasks --completions SHELL`: a completion script with the names baked in from the
 * manifest, so pressing TAB starts no node process. It completes `tasks …` (npm link,
 * an alias) and `npx tasks …`: namespaces and recipes first, then the global flags and
 * the recipe's own `name=` parameters and `--flags`. Regenerate it after an upgrade.
 */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;

interface Flag {
  long: string;
  short?: string;
  description: string;
}

const GLOBAL_FLAGS: Flag[] = [
  { long: 'dry-run', short: 'n', description: 'print every change instead of making it' },
  { long: 'yes', short: 'y', description: 'go ahead without asking' },
  { long: 'verbose', short: 'v', description: "show every command's output" },
  { long: 'quiet', short: 'q', description: 'hide progress' },
  { long: 'dotenv-path', description: 'the env file to read' },
  { long: 'context', description: 'the kube context of every kubectl and helm call' },
  { long: 'no-color', description: 'no colour' },
  { long: 'help', short: 'h', description: 'help (of a recipe, after it)' },
];
// Only meaningful before a recipe name.
const LISTING_FLAGS: Flag[] = [
  { long: 'list', description: 'list the recipes' },
  { long: 'json', description: 'the listing as JSON' },
  { long: 'version', description: 'print the version' },
  { long: 'completions', description: 'print a completion script' },
];

const flagWords = (flags: Flag[]) =>
  flags.flatMap((f) => [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]);

/** What may follow a recipe besides the global flags: `name=` and `--flag` words. */
function recipeWords(recipe: ManifestRecipe): string[] {
  return recipe.params.flatMap((p) => {
    if (p.flag) return [`--${p.name.replace(/_/g, '-')}`];
    if (p.option) return [`--${p.name.replace(/_/g, '-')}`];
    // A secret belongs on stdin, not in the line; an assignment is its own NAME=value.
    if (p.variadic || p.secret || p.assignment) return [];
    return [`${p.name}=`];
  });
}

interface Entry {
  command: string;
  description: string;
  words: string[];
}

function entries(manifest: Manifest): { namespaces: Entry[]; recipes: Entry[] } {
  return {
    namespaces: manifest.namespaces.map((ns) => ({
      command: ns.name,
      description: ns.description,
      words: [],
    })),
    recipes: manifest.namespaces.flatMap((ns) =>
      ns.recipes
        .filter((r) => !isPrivate(r))
        .map((r) => ({
          command: `${ns.name}:${r.name}`,
          description: r.description,
          words: recipeWords(r),
        })),
    ),
  };
}

/**
 * `bin` (this checkout's bin/tasks.js) makes the script also define `tasks` where it is
 * not a command yet (no `npm link`): loading completions gives the fast way, without
 * npm's ~0.6 s start-up on every call.
 */
export function completionScript(manifest: Manifest, shell: string, bin?: string): string {
  const all = entries(manifest);
  switch (shell) {
    case 'bash':
      return bash(all.namespaces, all.recipes) + (bin ? posixFastWay(bin) : '');
    case 'zsh':
      return zsh(all.namespaces, all.recipes) + (bin ? posixFastWay(bin) : '');
    case 'fish':
      return fish(all.namespaces, all.recipes) + (bin ? fishFastWay(bin) : '');
    default:
      throw new UsageError(
        `no completions for shell ${shell}`,
        `usage: --completions ${SHELLS.join('|')}`,
      );
  }
}

const single = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

const FAST_WAY =
  "# The fast way: without `npm link`, `tasks` runs this checkout's CLI with node directly.";

const posixFastWay = (bin: string) =>
  `${FAST_WAY}\ncommand -v tasks >/dev/null 2>&1 || tasks() { node ${single(bin)} "$@"; }\n`;

const fishFastWay = (bin: string) =>
  `${FAST_WAY}\nif not type -q tasks\n    function tasks\n        node ${single(bin)} $argv\n    end\nend\n`;

function recipeCases(recipes: Entry[], indent: string): string {
  return recipes
    .filter((r) => r.words.length)
    .map((r) => `${indent}${r.command}) printf '%s\\n' ${r.words.join(' ')} ;;`)
    .join('\n');
}

function bash(namespaces: Entry[], recipes: Entry[]): string {
  return `# bash completion for tasks (buun-stack). Load it with
#   source <(npx tasks --completions bash)
# or save it as ~/.local/share/bash-completion/completions/tasks.
_tasks_recipe_words() {
  case "$1" in
${recipeCases(recipes, '    ')}
  esac
}

_tasks_complete() {
  local line=\${COMP_LINE:0:COMP_POINT}
  # The word under the cursor, colons included: bash splits ns:recipe at the colon.
  local cur=\${line##*[[:space:]]}
  local -a before
  read -ra before <<< "\${line%"$cur"}"
  local i=1 recipe= word
  [[ \${before[0]##*/} == npx ]] && i=2
  for word in "\${before[@]:i}"; do
    case $word in -*) ;; *:*) recipe=$word; break ;; esac
  done
  local words
  if [[ -n $recipe ]]; then
    words="${flagWords(GLOBAL_FLAGS).join(' ')} $(_tasks_recipe_words "$recipe")"
  elif [[ $cur == -* ]]; then
    words=${single(flagWords([...GLOBAL_FLAGS, ...LISTING_FLAGS]).join(' '))}
  elif [[ \${before[\${#before[@]}-1]} == --completions ]]; then
    words=${single(SHELLS.join(' '))}
  else
    words=${single([...namespaces, ...recipes].map((e) => e.command).join(' '))}
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
  # name= and ns: are not finished words: no space after them.
  [[ \${#COMPREPLY[@]} -eq 1 && \${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
  if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
    local prefix=\${cur%"\${cur##*:}"} j
    for j in "\${!COMPREPLY[@]}"; do COMPREPLY[j]=\${COMPREPLY[j]#"$prefix"}; done
  fi
}

_tasks_npx() {
  COMPREPLY=()
  [[ \${COMP_WORDS[1]} == tasks && $COMP_CWORD -ge 2 ]] && _tasks_complete
}

complete -o default -F _tasks_complete tasks
complete -o default -F _tasks_npx npx
`;
}

function zsh(namespaces: Entry[], recipes: Entry[]): string {
  const described = (list: Entry[]) =>
    list
      .map((e) => `    ${single(`${e.command.replace(/:/g, '\\:')}:${e.description}`)}`)
      .join('\n');
  return `#compdef tasks
# zsh completion for tasks (buun-stack). Load it with
#   source <(npx tasks --completions zsh)
# (after compinit), or save it as _tasks in a folder of $fpath.
_tasks_recipe_words() {
  case "$1" in
${recipeCases(recipes, '    ')}
  esac
}

_tasks() {
  local -a commands global listing
  commands=(
${described([...namespaces, ...recipes])}
  )
  global=(${flagWords(GLOBAL_FLAGS).join(' ')})
  listing=(${flagWords(LISTING_FLAGS).join(' ')})
  local recipe word
  for word in \${words[2,CURRENT-1]}; do
    [[ $word != -* && $word == *:* ]] && { recipe=$word; break; }
  done
  if [[ -n $recipe ]]; then
    compadd -- $global
    compadd -S '' -- \${(f)"$(_tasks_recipe_words $recipe)"}
    _files
  elif [[ $PREFIX == -* ]]; then
    compadd -- $global $listing
  elif [[ \${words[CURRENT-1]} == --completions ]]; then
    compadd -- ${SHELLS.join(' ')}
  else
    _describe -t commands 'recipe' commands
  fi
}

_tasks_npx() {
  if [[ \${words[2]} == tasks ]] && (( CURRENT > 2 )); then
    shift words
    (( CURRENT-- ))
    _tasks
  else
    _files
  fi
}

compdef _tasks tasks
compdef _tasks_npx npx
`;
}

function fish(namespaces: Entry[], recipes: Entry[]): string {
  const lines = [
    '# fish completion for tasks (buun-stack). Load it with',
    '#   npx tasks --completions fish | source',
    '# or save it as ~/.config/fish/completions/tasks.fish.',
    'function __tasks_recipe',
    '    set -l tokens (commandline -opc)',
    '    for t in $tokens[2..-1]',
    "        if string match -qr '^[^-].*:' -- $t",
    '            echo $t',
    '            return 0',
    '        end',
    '    end',
    '    return 1',
    'end',
    'function __tasks_in_npx',
    '    set -l tokens (commandline -opc)',
    '    test (count $tokens) -ge 2; and test $tokens[2] = tasks',
    'end',
  ];
  for (const cmd of ['tasks', 'npx']) {
    const when = (cond: string) => (cmd === 'npx' ? `'__tasks_in_npx; and ${cond}'` : `'${cond}'`);
    lines.push(`complete -c ${cmd} -n ${when('not __tasks_recipe')} -f`);
    for (const e of [...namespaces, ...recipes])
      lines.push(
        `complete -c ${cmd} -n ${when('not __tasks_recipe')} -a ${e.command} -d ${single(e.description)}`,
      );
    for (const f of [...GLOBAL_FLAGS, ...LISTING_FLAGS]) {
      const listing = LISTING_FLAGS.includes(f);
      const cond = listing
        ? `-n ${when('not __tasks_recipe')} `
        : cmd === 'npx'
          ? `-n '__tasks_in_npx' `
          : '';
      lines.push(
        `complete -c ${cmd} ${cond}-l ${f.long}${f.short ? ` -s ${f.short}` : ''} -d ${single(f.description)}`,
      );
    }
    for (const r of recipes)
      for (const w of r.words)
        lines.push(
          `complete -c ${cmd} -n ${when(`test (__tasks_recipe) = ${r.command}`)} -a ${single(w)}`,
        );
  }
  return `${lines.join('\n')}\n`;
}
