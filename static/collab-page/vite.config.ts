import { customUiConfig } from '../shared/vite-app.config';

export default customUiConfig(new URL('.', import.meta.url));
