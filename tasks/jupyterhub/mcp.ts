import type { Ctx } from '../core/index.js';
import { decideHost } from './decide.js';
import { loadSettings } from './settings.js';
import { getApiToken } from './user-pod.js';

const TOOLS = [
  'list_files',
  'list_kernels',
  'use_notebook',
  'list_notebooks',
  'insert_cell',
  'execute_cell',
  'read_cell',
  'delete_cell',
  'execute_code',
];

async function askUsername(ctx: Ctx, username: string | undefined): Promise<string> {
  return (
    username ||
    ctx.prompt.input({ variable: 'username', argument: true, message: 'JupyterHub username' })
  );
}

async function mcpUrl(ctx: Ctx): Promise<string> {
  return `https://${await decideHost(ctx, await loadSettings(ctx))}/user/`;
}

/** Everything an MCP client needs for the user's server, token included (stdout). */
export async function setupMcpServer(ctx: Ctx, username?: string): Promise<void> {
  const name = await askUsername(ctx, username);
  const url = `${await mcpUrl(ctx)}${name}/mcp`;
  const token = await getApiToken(ctx, name);
  ctx.out(
    [
      `MCP server for ${name}`,
      `  URL:        ${url}`,
      `  Transport:  HTTP (streamable-http)`,
      `  Token:      ${token}`,
      `  Header:     Authorization: token <token>`,
      '',
      `export JUPYTERHUB_TOKEN=${token}`,
      '',
      `Tools: ${TOOLS.join(', ')}`,
      'Start with list_files, then use_notebook to open or create a notebook.',
    ].join('\n'),
  );
}

/** A ready `.mcp.json` for Claude Code; with --json the JSON alone goes to stdout. */
export async function setupClaudeMcpServer(
  ctx: Ctx,
  username: string | undefined,
  json: boolean,
): Promise<void> {
  const name = await askUsername(ctx, username);
  const url = `${await mcpUrl(ctx)}${name}/mcp`;
  const token = await getApiToken(ctx, name);
  // ${JUPYTERHUB_TOKEN} stays literal: Claude Code expands it from the environment.
  const config = {
    mcpServers: {
      [`jupyter-${name}`]: {
        type: 'http',
        url,
        headers: { Authorization: 'token ${JUPYTERHUB_TOKEN}' },
      },
    },
  };
  const text = JSON.stringify(config, null, 2);
  const exportLine = `export JUPYTERHUB_TOKEN=${token}`;
  if (json) {
    ctx.out(text);
    ctx.log.info(
      `Set the token in your shell before starting Claude Code (npx tasks jupyterhub:setup-mcp-server ${name} prints it).`,
    );
    return;
  }
  ctx.out(
    [
      'Add this to .mcp.json:',
      text,
      '',
      'Then, in the shell that starts Claude Code:',
      exportLine,
    ].join('\n'),
  );
}
