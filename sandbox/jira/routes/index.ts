import type { Handler } from '../handler';
import type { Router } from '../router';
import type { JiraSite } from '../site';
import { registerAppFieldValueRoutes } from './app-field-values';
import { registerCommentRoutes } from './comments';
import { registerFieldRoutes } from './fields';
import { registerGroupRoutes } from './groups';
import { registerIssueRoutes } from './issues';
import { registerLinkRoutes } from './links';
import { registerMyPermissionsRoutes } from './my-permissions';
import { registerNotificationRoutes } from './notifications';
import { registerProjectRoutes } from './projects';
import { registerPropertyRoutes } from './properties';
import { registerSearchRoutes } from './search';
import { registerTransitionRoutes } from './transitions';
import { registerUserRoutes } from './users';
import { registerVersionRoutes } from './versions';

/** Every REST resource the fake Jira site answers, one module each, on the site's router. */
export function registerJiraRoutes(router: Router<Handler>, site: JiraSite): void {
  registerUserRoutes(router, site);
  registerGroupRoutes(router, site);
  registerFieldRoutes(router, site);
  registerProjectRoutes(router, site);
  registerVersionRoutes(router, site);
  registerMyPermissionsRoutes(router, site);
  registerIssueRoutes(router, site);
  registerTransitionRoutes(router, site);
  registerNotificationRoutes(router, site);
  registerPropertyRoutes(router, site);
  registerCommentRoutes(router, site);
  registerSearchRoutes(router, site);
  registerLinkRoutes(router, site);
  registerAppFieldValueRoutes(router, site);
}
