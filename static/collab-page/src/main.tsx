import '@atlaskit/css-reset';
import '../../shared/styles.css';
import '../../shared/forms.css';
import './collab.css';
import { boot } from '../../shared/boot';
import { loadModuleType } from '../../shared/module-type';
import { App } from './App';
import { IssueContextApp } from './IssueContextApp';
import { MESSAGES } from './messages';

/** One app, three places (issue 16): the global page, the dashboard gadget and the issue context, by module type. */
async function start(root: HTMLElement) {
  const type = await loadModuleType();
  await boot(root, MESSAGES, (ctx) =>
    type === 'jira:issueContext' ? (
      <IssueContextApp ctx={ctx} />
    ) : (
      <App ctx={ctx} gadget={type === 'jira:dashboardGadget'} />
    ),
  );
}

const root = document.getElementById('root');
if (root) void start(root);
