import { view } from '@forge/bridge';

/**
 * The module type Jira renders the app in (`context.extension.type`, e.g. `jira:dashboardGadget`), for an app
 * that serves several modules from one resource; null when the bridge gives none.
 */
export async function loadModuleType(): Promise<string | null> {
  try {
    const raw = (await view.getContext()) as { extension?: { type?: unknown } } | null;
    const type = raw?.extension?.type;
    return typeof type === 'string' ? type : null;
  } catch {
    return null;
  }
}
