import './app.css';
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { wantsDiagnostics } from './ui/diagnose-query';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

if (wantsDiagnostics(location.search)) {
  // The check's own view, loaded only when asked for: the trading screen's bundle does not carry it.
  void import('./ui/Diagnostics.svelte').then(({ default: Diagnostics }) => mount(Diagnostics, { target }));
} else {
  mount(App, { target });
}
