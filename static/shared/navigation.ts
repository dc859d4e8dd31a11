import { router, view } from '@forge/bridge';

/**
 * Opens a Jira issue from inside the app's iframe. A plain link would load Jira inside the iframe,
 * so navigation goes through the host; modifier clicks open a new tab as users expect.
 */
export function openIssue(issueKey: string, newTab: boolean): void {
  const location = { target: 'issue', issueKey } as const;
  void (newTab ? router.open(location) : router.navigate(location)).catch((error: unknown) => {
    console.error('navigation failed', error);
  });
}

/** The route of a page with sub-pages (project settings `pages`), as Jira's history gives it. */
export interface RouteHistory {
  route: string;
  /** Calls `onChange` with each new route; returns the function that stops listening. */
  listen(onChange: (route: string) => void): () => void;
}

/**
 * Jira changes only the URL when its sidebar opens one of a module's `pages`; the app follows through the
 * history `view.createHistory()` gives.
 */
export async function routeHistory(): Promise<RouteHistory> {
  const history = await view.createHistory();
  return {
    route: history.location.pathname,
    listen: (onChange) => history.listen((location: { pathname: string }) => onChange(location.pathname)),
  };
}
