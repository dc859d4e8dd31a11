interface Route<H> {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  handler: H;
}

export type RouteMatch<H> =
  | { kind: 'ok'; handler: H; template: string; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

/** Matches `METHOD /rest/api/3/issue/{issueIdOrKey}`-style templates; earlier routes win. */
export class Router<H> {
  private readonly routes: Array<Route<H>> = [];

  add(method: string, template: string, handler: H): this {
    const names: string[] = [];
    const pattern = template
      .split('/')
      .map((seg) => {
        const m = /^\{(\w+)\}$/.exec(seg);
        if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1] ?? '');
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, template, regex: new RegExp(`^${pattern}/?$`), names, handler });
    return this;
  }

  match(method: string, pathname: string): RouteMatch<H> {
    const allowed: string[] = [];
    for (const r of this.routes) {
      const m = r.regex.exec(pathname);
      if (!m) continue;
      if (r.method !== method) {
        allowed.push(r.method);
        continue;
      }
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { kind: 'ok', handler: r.handler, template: r.template, params };
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed: [...new Set(allowed)] } : { kind: 'not-found' };
  }
}
