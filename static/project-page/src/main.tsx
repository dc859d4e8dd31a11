import '@atlaskit/css-reset';
import '../../shared/styles.css';
// The form controls and the person picker are the admin page's, shared rather than copied.
import '../../admin-page/src/admin.css';
import { boot } from '../../shared/boot';
import { App } from './App';

const root = document.getElementById('root');
if (root) void boot(root, (ctx) => <App ctx={ctx} />);
