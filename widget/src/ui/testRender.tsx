import { render } from '@testing-library/preact';
import type { ComponentChild } from 'preact';
import { createLauncher } from '../boot/launcher.ts';
import { createStore } from '../util/store.ts';
import { createTranslator } from '../i18n/catalogue.ts';
import { catalogues } from '../i18n/catalogues.ts';
import type { FilesLoader } from '../files/filesLoader.ts';
import { App, type ChatControls } from './App.tsx';
import { PANEL_ID } from './panelId.ts';
import type { PanelState } from './panelState.ts';
import type { SoundSwitch } from './SoundToggle.tsx';
import { setTranslator } from './translation.ts';

/** Renders UI in English, as startWidget would for an English page; for tests only. */
export function renderInEnglish(ui: ComponentChild) {
  setTranslator(createTranslator(catalogues.en));
  return render(ui);
}

/** The widget as a page shows it: the launcher (boot/launcher.ts) and the panel chunk's App beside it, in English. */
export function renderWidgetInEnglish(chat: ChatControls, panel: PanelState, sound?: SoundSwitch, files?: FilesLoader): HTMLElement {
  const launcher = createLauncher({
    doc: document,
    panel,
    panelId: PANEL_ID,
    t: createTranslator(catalogues.en),
    look: createStore(undefined),
    language: 'en',
  });
  const { container } = renderInEnglish(<App chat={chat} panel={panel} launcher={launcher} sound={sound} {...(files && { files })} />);
  container.append(launcher);
  return container as HTMLElement;
}
