import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { startTheme } from './lib/theme.ts';
import { loadPreferences } from './lib/preferences.ts';
import './styles.css';

// The kept theme and language before the first paint (the engine answers at once).
const kept = await loadPreferences();
startTheme(kept.theme);

// A file dropped outside the drop handling must never make the page navigate to it.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => event.preventDefault());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
