/** One declared HTTP route of the local server: method set and path, and the function that answers it. */
export interface LocalRoute {
  readonly functionId: string;
  readonly path: string;
  readonly methods: string[];
  readonly pattern: RegExp;
}

/** `/orders/{id}` and `/{proxy+}` as a regular expression over a request path (as API Gateway reads them). */
export function routePattern(path: string): RegExp {
  const body = path.split('/').filter(Boolean).map((segment) => {
    if (/^\{[A-Za-z_][A-Za-z0-9_]*\+\}$/.test(segment)) {
      return '(?:/.*)?';
    }
    if (/^\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(segment)) {
      return '/[^/]+';
    }
    return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  }).join('');
  return new RegExp(`^${body}/?$`);
}

/** How specific a route is, for the order of matching: literal segments first, a greedy path last. */
function specificity(path: string): number {
  const segments = path.split('/').filter(Boolean);
  return segments.reduce((n, s) => n + (s.endsWith('+}') ? 0 : s.startsWith('{') ? 1 : 3), 0) - (path.includes('+}') ? 100 : 0);
}

/** The routes in the order they are tried. */
export function sortRoutes(routes: LocalRoute[]): LocalRoute[] {
  return [...routes].sort((a, b) => specificity(b.path) - specificity(a.path));
}

/** The route for a request: `{ route }`, or the HTTP status (404 no path matches, 405 another method) and the methods allowed. */
export function matchRoute(routes: LocalRoute[], method: string, path: string): { route?: LocalRoute; status?: number; allow?: string[] } {
  const byPath = routes.filter((r) => r.pattern.test(path));
  if (byPath.length === 0) {
    return { status: 404 };
  }
  const route = byPath.find((r) => r.methods.includes('ANY') || r.methods.includes(method));
  return route ? { route } : { status: 405, allow: [...new Set(byPath.flatMap((r) => r.methods))] };
}
