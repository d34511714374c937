// The dashboard in the browser: its styles, and the app rendered into the page's body.
import './dashboard.css';
import { render } from 'preact';
import { App } from './app.js';

render(<App />, document.body);
