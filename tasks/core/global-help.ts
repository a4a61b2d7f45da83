/** `npx tasks --help`: the command line as a whole, its global flags and exit codes. */
export const GLOBAL_HELP = `Usage:
  npx tasks [flags] <namespace>:<recipe> [args…]    run a recipe
  npx tasks <namespace>:<recipe> --help             its parameters and variables
  npx tasks [<namespace>] [--json]                  list the recipes
  npx tasks --completions bash|zsh|fish             print a completion script

Global flags (anywhere on the line):
  -n, --dry-run           run read-only queries, print every change instead
  -y, --yes               go ahead without asking (destructive steps need it
                          when there is no terminal)
  -v, --verbose           show every command's output, and stack traces of bugs
  -q, --quiet             hide progress; warnings, errors and results still show
      --dotenv-path PATH  the env file (also TASKS_ENV_FILE; default: the
                          nearest .env.local above the working directory)
      --context NAME      the kube context of every kubectl and helm call
                          (also KUBE_CONTEXT; default: the kubeconfig's
                          current context)
      --no-color          no colour (also NO_COLOR; never any when CI is set;
                          FORCE_COLOR=1 keeps colour in a pipe)
      --list [NAMESPACE]  list the recipes (what a line without a recipe does)
      --json              with the listing: recipes, parameters and variables
                          as JSON
  -h, --help              this help; after a recipe, that recipe's help
      --version           print the version

Exit codes:
  0    done
  1    the task failed (a message and usually a hint on stderr)
  2    usage error: unknown recipe, flag or argument
  130  interrupted (Ctrl-C): started commands stopped, temp files removed

Results (tokens, JSON, listings) go to stdout, progress and messages to stderr.
`;

/** The one line every recipe's --help ends with. */
export const GLOBAL_FLAGS_LINE =
  'Global flags (-n -y -v -q --dotenv-path --context) and exit codes (0 1 2 130): npx tasks --help';
