import '@atlaskit/css-reset';
import '../../shared/styles.css';
import '../../shared/forms.css';
import '../../shared/raci.css';
import './dependencies.css';
import { boot } from '../../shared/boot';
import { App } from './App';

const root = document.getElementById('root');
if (root) void boot(root, (ctx) => <App ctx={ctx} />);
