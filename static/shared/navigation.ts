import { router } from '@forge/bridge';

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
