import '@atlaskit/css-reset';
import '../../shared/styles.css';
import '../../shared/forms.css';
import './collab.css';
import { boot } from '../../shared/boot';
import { App } from './App';
import { MESSAGES } from './messages';

const root = document.getElementById('root');
if (root) void boot(root, MESSAGES, (ctx) => <App ctx={ctx} />);
