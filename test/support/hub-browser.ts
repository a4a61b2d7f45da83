// A browser on the real hub's own pages (NativeAuthenticator's sign-up, login and
// authorization forms): one cookie jar, redirects not followed, every form post carrying
// the page's _xsrf token as JupyterHub 5 requires. Called on 127.0.0.1, since the hub's
// public host does not resolve here.
import { request as httpRequest } from 'node:http';
import { env } from './stack.js';

export interface Page {
  status: number;
  location: string | null;
  html: string;
}

export class HubBrowser {
  private readonly cookies = new Map<string, string>();
  readonly base = env.BUUN_STACK_HUB_API_URL.replace(/\/hub\/api\/?$/, '');

  /**
   * One request as a browser navigation (node:http, not fetch: fetch always sends
   * Sec-Fetch-Mode: cors, and JupyterHub 5 sets its _xsrf cookie only on navigations).
   */
  go(path: string, form?: Record<string, string>): Promise<Page> {
    const body = form && new URLSearchParams(form).toString();
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${this.base}${path}`,
        {
          method: form ? 'POST' : 'GET',
          timeout: 15_000,
          headers: {
            'sec-fetch-mode': 'navigate',
            cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            ...(body !== undefined && {
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': String(Buffer.byteLength(body)),
            }),
          },
        },
        (res) => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair] = line.split(';');
            const i = pair.indexOf('=');
            this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1));
          }
          let html = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (html += d));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, html }),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${path}: no answer in 15 s`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Loads the form page at `path`, then posts `fields` (plus its _xsrf) to `action ?? path`. */
  async submit(path: string, fields: Record<string, string>, action = path): Promise<Page> {
    const page = await this.go(path);
    if (page.status !== 200) throw new Error(`GET ${path}: ${page.status}`);
    const xsrf = /name="_xsrf" value="([^"]+)"/.exec(page.html)?.[1];
    if (!xsrf) throw new Error(`${path} has no _xsrf field`);
    return this.go(action, { ...fields, _xsrf: xsrf });
  }

  /** NativeAuthenticator's sign-up form; the page's message (success, pending or error). */
  async signUp(username: string, password: string): Promise<string> {
    const page = await this.submit('/hub/signup', {
      username,
      signup_password: password,
      signup_password_confirmation: password,
    });
    if (page.status !== 200) throw new Error(`POST /hub/signup: ${page.status}`);
    const message = /class="alert [^"]*"[^>]*>\s*<p>([\s\S]*?)<\/p>/.exec(page.html)?.[1];
    if (message === undefined) throw new Error('the sign-up page answered without a message');
    return message.replace(/\s+/g, ' ').trim();
  }

  /** The hub's login form: ok when the hub logged the user in (a redirect onwards), else its error. */
  async logIn(username: string, password: string): Promise<{ ok: boolean; error: string }> {
    const page = await this.submit('/hub/login', { username, password }, '/hub/login?next=');
    const error = /class="login_error">([\s\S]*?)<\/p>/.exec(page.html)?.[1] ?? '';
    return { ok: page.status === 302, error: error.replace(/\s+/g, ' ').trim() };
  }
}
